import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { isCurrencyCode, Money, ProductLimits } from '@mogul/contracts';
import { Required } from '../../problem/required.decorator';

const IsCurrency = () =>
  ValidateBy({
    name: 'isCurrency',
    validator: { validate: isCurrencyCode, defaultMessage: () => 'currency must be an ISO 4217 code in upper case, such as AUD' },
  });

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

/**
 * A royalty per unit as a creator writes it. Beyond the bounds no royalty policy can reach it is
 * malformed (400); outside the listing's own royalty policy it breaks a rule (422).
 */
export class RoyaltyDto implements Money {
  @ApiProperty({
    type: 'integer',
    description: 'Integer minor units (cents for AUD).',
    example: 100,
    minimum: 0,
    maximum: ProductLimits.royaltyAmountMax,
  })
  @Max(ProductLimits.royaltyAmountMax)
  @Min(0, { message: 'amount must not be negative' })
  @IsInt({ message: 'amount must be an integer number of minor units' })
  @Required()
  amount!: number;

  @ApiProperty({ description: "ISO 4217 code: the listing's currency.", example: 'AUD' })
  @IsCurrency()
  @Required()
  currency!: string;
}
