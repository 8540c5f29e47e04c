import { ProductLimits } from '@mogul/contracts';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateProductDto, DesignChangesDto } from './design.dto';

/** The failed rules of each nested field, by path, as the gateway's validation pipe reads them. */
async function brokenRules(type: new () => object, body: object): Promise<Record<string, string[]>> {
  const errors = await validate(plainToInstance(type, body), { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  const broken: Record<string, string[]> = {};
  const walk = (list: typeof errors, parent: string) => {
    for (const error of list) {
      const path = parent ? `${parent}.${error.property}` : error.property;
      if (error.constraints) broken[path] = Object.keys(error.constraints);
      walk(error.children ?? [], path);
    }
  };
  walk(errors, '');
  return broken;
}

describe('design bodies', () => {
  const design = {
    listingId: '6f1c1d2e-0000-4000-8000-000000000001',
    name: 'Spicy Meat Feast',
    description: 'Hot',
    selections: { crust: ['deep-pan'] },
    royaltyPerUnit: { amount: 100, currency: 'AUD' },
  };
  const royalty = (amount: number) => ({ royaltyPerUnit: { amount, currency: 'AUD' } });

  it('takes a royalty up to the documented maximum', async () => {
    expect(await brokenRules(CreateProductDto, { ...design, ...royalty(ProductLimits.royaltyAmountMax) })).toEqual({});
    expect(await brokenRules(DesignChangesDto, royalty(0))).toEqual({});
  });

  it('refuses a royalty beyond its documented bounds as malformed, naming royaltyPerUnit.amount', async () => {
    for (const [amount, rule] of [
      [ProductLimits.royaltyAmountMax + 1, 'max'],
      [Number.MAX_SAFE_INTEGER, 'max'],
      [-1, 'min'],
    ] as const) {
      expect(await brokenRules(CreateProductDto, { ...design, ...royalty(amount) })).toEqual({ 'royaltyPerUnit.amount': [rule] });
      expect(await brokenRules(DesignChangesDto, royalty(amount))).toEqual({ 'royaltyPerUnit.amount': [rule] });
    }
  });
});
