import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { isCurrencyCode, ListingLimits, Money } from '@mogul/contracts';
import { Required } from '../problem/required.decorator';

/** An ISO 4217 code the runtime knows, in upper case. */
export const IsCurrencyCode = (): PropertyDecorator =>
  ValidateBy({
    name: 'isCurrencyCode',
    validator: {
      validate: (value) => isCurrencyCode(value),
      defaultMessage: (args) => `${args?.property ?? 'currency'} must be an ISO 4217 currency code in upper case, such as AUD`,
    },
  });

/**
 * An amount of money a request carries — a base price, an option's delta, a royalty, a prize:
 * integer minor units and an ISO 4217 code, `{ "amount": 1250, "currency": "AUD" }` is 12.50 AUD.
 * One bound for all of them, `ListingLimits.amountMax` (10^11 minor units): far beyond any real
 * price, royalty or prize, and low enough that every sum the platform forms of them (an order's
 * total, a balance) stays an exact integer. Narrower rules of one use (a royalty inside the
 * listing's policy, a prize of at least 1) belong to the service that owns it, which answers them.
 */
export class MoneyDto implements Money {
  @ApiProperty({
    type: 'integer',
    description: 'Integer minor units (cents for AUD).',
    minimum: 0,
    maximum: ListingLimits.amountMax,
    example: 1250,
  })
  @Max(ListingLimits.amountMax)
  @Min(0, { message: 'amount must not be negative' })
  @IsInt({ message: 'amount must be an integer number of minor units' })
  @Required()
  amount!: number;

  @ApiProperty({ description: 'ISO 4217, upper case.', example: 'AUD', pattern: '^[A-Z]{3}$' })
  @IsCurrencyCode()
  @Required()
  currency!: string;
}

/**
 * An amount the API answers with (a price, a total): integer minor units and an ISO 4217 code,
 * `{ "amount": 100, "currency": "AUD" }` is 1.00 AUD.
 */
export class MoneyResponse implements Money {
  @ApiProperty({ type: 'integer', description: 'Integer minor units (cents for AUD).', example: 100, minimum: 0 })
  amount!: number;

  @ApiProperty({ description: 'ISO 4217 code.', example: 'AUD' })
  currency!: string;
}
