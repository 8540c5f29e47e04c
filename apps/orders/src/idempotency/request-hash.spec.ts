import fc from 'fast-check';
import { canonicalJson, requestHash } from './request-hash';

const P1 = '3f2a7c1e-0000-4000-8000-000000000001';
const P2 = '3f2a7c1e-0000-4000-8000-000000000002';

describe('requestHash', () => {
  it('is the same for the same lines and token whatever the field order or case of ids', () => {
    const a = requestHash({ lines: [{ productId: P1, quantity: 2 }], paymentToken: 'tok_success' });
    const reordered = JSON.parse(`{"paymentToken":"tok_success","lines":[{"quantity":2,"productId":"${P1.toUpperCase()}"}]}`);
    expect(requestHash(reordered)).toBe(a);
  });

  it('differs when a quantity, a product, the line order or the token differs', () => {
    const base = {
      lines: [
        { productId: P1, quantity: 1 },
        { productId: P2, quantity: 1 },
      ],
      paymentToken: 'tok_success',
    };
    const hash = requestHash(base);
    expect(requestHash({ ...base, paymentToken: 'tok_decline' })).not.toBe(hash);
    expect(requestHash({ ...base, lines: [{ productId: P1, quantity: 2 }, base.lines[1]] })).not.toBe(hash);
    expect(requestHash({ ...base, lines: [base.lines[1], base.lines[0]] })).not.toBe(hash);
    expect(requestHash({ ...base, lines: [base.lines[0]] })).not.toBe(hash);
  });

  it('canonicalJson ignores key order at every depth', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(object));
      }),
    );
  });
});
