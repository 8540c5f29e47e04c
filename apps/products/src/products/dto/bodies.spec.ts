import { ProductLimits } from '@mogul/contracts';
import { RequestValidationError, serviceValidationPipe } from '@mogul/http';
import { randomUUID } from 'node:crypto';
import { CreateProductBody, DesignChangesBody, FlagProductBody, RejectProductBody } from './bodies';
import { selectionsProblem } from './selections';

/** A body as the internal API's pipe reads it. */
const bodyOf = <T>(type: new () => T, value: unknown): Promise<T> =>
  serviceValidationPipe().transform(value, { type: 'body', metatype: type });

async function problemsOf(type: new () => object, value: unknown): Promise<{ field: string; message: string }[]> {
  const error = await bodyOf(type, value).catch((e: unknown) => e);
  if (!(error instanceof RequestValidationError)) throw new Error('expected a validation error');
  return error.problems;
}

describe('request bodies', () => {
  const design = {
    listingId: randomUUID(),
    name: '  Spicy Meat Feast ',
    description: 'Hot',
    selections: { crust: ['deep-pan'], toppings: ['ham', 'chilli'] },
    royaltyPerUnit: { amount: 100, currency: 'AUD' },
  };

  it('accepts a design, trimming its name and dropping fields it does not know', async () => {
    const body = await bodyOf(CreateProductBody, { ...design, creatorId: randomUUID(), unitPrice: { amount: 1, currency: 'AUD' } });
    expect(body.name).toBe('Spicy Meat Feast');
    expect(body.selections).toEqual(design.selections);
    expect(body).not.toHaveProperty('creatorId');
    expect(body).not.toHaveProperty('unitPrice');
  });

  it('names each malformed field as the public API does', async () => {
    const problems = await problemsOf(CreateProductBody, {
      ...design,
      listingId: 'nope',
      name: ' ',
      royaltyPerUnit: { amount: 1.5, currency: 'aud' },
    });
    expect(problems.map((p) => p.field)).toEqual(['listingId', 'name', 'royaltyPerUnit.amount', 'royaltyPerUnit.currency']);
  });

  it('takes a royalty up to the most any royalty policy allows, and names the field beyond it', async () => {
    const royalty = (amount: number) => ({ ...design, royaltyPerUnit: { amount, currency: 'AUD' } });
    expect((await bodyOf(CreateProductBody, royalty(ProductLimits.royaltyAmountMax))).royaltyPerUnit.amount).toBe(
      ProductLimits.royaltyAmountMax,
    );
    for (const amount of [ProductLimits.royaltyAmountMax + 1, Number.MAX_SAFE_INTEGER, -1]) {
      expect((await problemsOf(CreateProductBody, royalty(amount))).map((p) => p.field)).toEqual(['royaltyPerUnit.amount']);
      expect((await problemsOf(DesignChangesBody, { royaltyPerUnit: { amount, currency: 'AUD' } })).map((p) => p.field)).toEqual([
        'royaltyPerUnit.amount',
      ]);
    }
  });

  it('wants a reason for a rejection', async () => {
    expect(await problemsOf(RejectProductBody, { reason: '   ' })).toEqual([{ field: 'reason', message: 'reason should not be empty' }]);
  });

  it('takes a flag with a reason from the list, and a text that other needs', async () => {
    expect(await bodyOf(FlagProductBody, { reason: 'spam' })).toMatchObject({ reason: 'spam' });
    expect(await problemsOf(FlagProductBody, { reason: 'ugly' })).toEqual([
      { field: 'reason', message: expect.stringContaining('reason') },
    ]);
    expect(await problemsOf(FlagProductBody, { reason: 'other', text: ' ' })).toEqual([
      { field: 'text', message: 'text is required when the reason is other' },
    ]);
    expect(await problemsOf(FlagProductBody, { reason: 'spam', text: 'x'.repeat(501) })).toEqual([
      { field: 'text', message: 'text must be at most 500 characters' },
    ]);
  });

  it('checks the shape of selections, leaving the listing rules to pricing', () => {
    expect(selectionsProblem({ crust: ['thin'], toppings: [] })).toBeUndefined();
    expect(selectionsProblem(['thin'])).toBe('selections must be an object of option code lists');
    expect(selectionsProblem({ crust: 'thin' })).toBe('selections.crust must be a list of option codes');
    expect(selectionsProblem({ crust: [1] })).toBe('selections.crust must hold option codes only');
    expect(selectionsProblem({ 'Not A Code': [] })).toBe('"Not A Code" is not a group code');
  });
});
