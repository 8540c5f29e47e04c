import { checkoutOrderId } from './checkout-order-id';

describe('checkoutOrderId', () => {
  const shopper = '6f1c2a9e-3b7d-4e21-9a0c-5d8e7f6a1b2c';

  it('is the same for every try of a key, and a valid version 8 UUID', () => {
    const id = checkoutOrderId(shopper, 'key-1');
    expect(checkoutOrderId(shopper.toUpperCase(), 'key-1')).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differs between keys and between shoppers', () => {
    const ids = new Set([
      checkoutOrderId(shopper, 'key-1'),
      checkoutOrderId(shopper, 'key-2'),
      checkoutOrderId('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 'key-1'),
    ]);
    expect(ids.size).toBe(3);
  });
});
