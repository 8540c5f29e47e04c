import { ApiProperty } from '@nestjs/swagger';
import { isCurrencyCode, ListingLimits, Money } from '@mogul/contracts';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { Required } from '../../problem/required.decorator';

/** An ISO 4217 code the runtime knows, in upper case. */
export const IsCurrencyCode = (): PropertyDecorator =>
  ValidateBy({
    name: 'isCurrencyCode',
    validator: {
      validate: (value) => isCurrencyCode(value),
      defaultMessage: (args) => `${args?.property ?? 'currency'} must be an ISO 4217 currency code in upper case, such as AUD`,
    },
  });

export class MoneyDto implements Money {
  @ApiProperty({ description: 'Integer minor units (cents for AUD).', minimum: 0, maximum: ListingLimits.amountMax, example: 1250 })
  @Max(ListingLimits.amountMax)
  @Min(0)
  @IsInt({ message: ({ property }) => `${property} must be an integer number of minor units` })
  @Required()
  amount!: number;

  @ApiProperty({ description: 'ISO 4217, upper case.', example: 'AUD', pattern: '^[A-Z]{3}$' })
  @IsCurrencyCode()
  @Required()
  currency!: string;
}
