import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { isCurrencyCode, Money } from '@mogul/contracts';
import { Required } from '../../problem/required.decorator';

const IsCurrency = () =>
  ValidateBy({
    name: 'isCurrency',
    validator: { validate: isCurrencyCode, defaultMessage: () => 'currency must be an ISO 4217 code in upper case, such as AUD' },
  });

/** Integer minor units and an ISO 4217 code: `{ "amount": 100, "currency": "AUD" }` is 1.00 AUD. */
export class MoneyDto implements Money {
  @ApiProperty({ description: 'Integer minor units (cents for AUD).', example: 100, minimum: 0 })
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(0, { message: 'amount must not be negative' })
  @IsInt({ message: 'amount must be an integer number of minor units' })
  @Required()
  amount!: number;

  @ApiProperty({ description: 'ISO 4217 code.', example: 'AUD' })
  @IsCurrency()
  @Required()
  currency!: string;
}
