import { canonicalTimeZone, isCurrencyCode, Money, PrizeLimits, WeeklyPrizeSettings } from '@mogul/contracts';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsString, Max, Min, ValidateBy, ValidateNested } from 'class-validator';

export class PrizeAmountBody implements Money {
  @IsInt({ message: 'amount must be an integer number of minor units' })
  @Min(1, { message: 'amount must be at least 1 minor unit: a prize of nothing is no prize' })
  @Max(PrizeLimits.amountMax, { message: `amount must be at most ${PrizeLimits.amountMax} minor units` })
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
