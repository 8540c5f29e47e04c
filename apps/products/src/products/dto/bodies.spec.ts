import { RequestValidationError, serviceValidationPipe } from '@mogul/http';
import { randomUUID } from 'node:crypto';
import { CreateProductBody, RejectProductBody } from './bodies';
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

  it('wants a reason for a rejection', async () => {
    expect(await problemsOf(RejectProductBody, { reason: '   ' })).toEqual([{ field: 'reason', message: 'reason should not be empty' }]);
  });

  it('checks the shape of selections, leaving the listing rules to pricing', () => {
    expect(selectionsProblem({ crust: ['thin'], toppings: [] })).toBeUndefined();
    expect(selectionsProblem(['thin'])).toBe('selections must be an object of option code lists');
    expect(selectionsProblem({ crust: 'thin' })).toBe('selections.crust must be a list of option codes');
    expect(selectionsProblem({ crust: [1] })).toBe('selections.crust must hold option codes only');
    expect(selectionsProblem({ 'Not A Code': [] })).toBe('"Not A Code" is not a group code');
  });
});
