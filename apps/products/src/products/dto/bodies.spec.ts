import { RequestValidationError, validBody } from '@mogul/messaging';
import { randomUUID } from 'node:crypto';
import { BrowseProductsBody, CreateProductBody } from './bodies';
import { selectionsProblem } from './selections';

const actor = { userId: randomUUID(), roles: ['shopper', 'creator'] };

async function problemsOf(type: new () => object, body: unknown): Promise<{ field: string; message: string }[]> {
  const error = await validBody(type, { correlationId: 'c', body }).catch((e: unknown) => e);
  if (!(error instanceof RequestValidationError)) throw new Error('expected a validation error');
  return error.problems;
}

describe('request bodies', () => {
  const design = {
    name: '  Spicy Meat Feast ',
    description: 'Hot',
    selections: { crust: ['deep-pan'], toppings: ['ham', 'chilli'] },
    royaltyPerUnit: { amount: 100, currency: 'AUD' },
  };

  it('accepts a design, trimming its name', async () => {
    const body = await validBody(CreateProductBody, { body: { actor, listingId: randomUUID(), design } });
    expect(body.design.name).toBe('Spicy Meat Feast');
    expect(body.design.selections).toEqual(design.selections);
  });

  it('names each malformed field', async () => {
    const problems = await problemsOf(CreateProductBody, {
      actor,
      listingId: 'nope',
      design: { ...design, name: ' ', royaltyPerUnit: { amount: 1.5, currency: 'aud' } },
    });
    expect(problems.map((p) => p.field)).toEqual([
      'listingId',
      'design.name',
      'design.royaltyPerUnit.amount',
      'design.royaltyPerUnit.currency',
    ]);
  });

  it('checks the shape of selections, leaving the listing rules to pricing', () => {
    expect(selectionsProblem({ crust: ['thin'], toppings: [] })).toBeUndefined();
    expect(selectionsProblem(['thin'])).toBe('selections must be an object of option code lists');
    expect(selectionsProblem({ crust: 'thin' })).toBe('selections.crust must be a list of option codes');
    expect(selectionsProblem({ crust: [1] })).toBe('selections.crust must hold option codes only');
    expect(selectionsProblem({ 'Not A Code': [] })).toBe('"Not A Code" is not a group code');
  });

  it('keeps page sizes between 1 and 100', async () => {
    expect((await problemsOf(BrowseProductsBody, { limit: 0 })).map((p) => p.field)).toEqual(['limit']);
    expect((await problemsOf(BrowseProductsBody, { limit: 101 })).map((p) => p.field)).toEqual(['limit']);
    expect(await validBody(BrowseProductsBody, { body: { limit: 100, sort: 'votes' } })).toMatchObject({ limit: 100, sort: 'votes' });
  });
});
