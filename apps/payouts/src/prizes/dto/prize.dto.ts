import { canonicalTimeZone, isCurrencyCode, Money, PrizeLimits, WeeklyPrizeSettings } from '@mogul/contracts';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsString, Max, Min, ValidateBy, ValidateNested } from 'class-validator';

export class PrizeAmountBody implements Money {
  @IsInt()
  @Min(1)
  @Max(PrizeLimits.amountMax)
  amount: number;

  @ValidateBy({
    name: 'isCurrencyCode',
    validator: { validate: isCurrencyCode, defaultMessage: () => 'currency must be an ISO 4217 code' },
  })
  currency: string;
}

export class WeeklyPrizeBody implements WeeklyPrizeSettings {
  @IsDefined()
  @ValidateNested()
  @Type(() => PrizeAmountBody)
  amount: PrizeAmountBody;

  @IsString()
  @ValidateBy({
    name: 'isTimeZone',
    validator: {
      validate: (value) => canonicalTimeZone(value) !== undefined,
      defaultMessage: () => 'timeZone must be an IANA time zone, such as Australia/Sydney',
    },
  })
  timeZone: string;
}
