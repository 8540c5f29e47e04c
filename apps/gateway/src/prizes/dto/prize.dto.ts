import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
import { canonicalTimeZone, Money, PrizeLimits, WeeklyPrizeSettings } from '@mogul/contracts';
import { IsCurrencyCode } from '../../listings/dto/money.dto';
import { Required } from '../../problem/required.decorator';

const TIME_ZONE_RULE = 'an IANA time zone, such as Australia/Sydney';

export class PrizeAmountDto implements Money {
  @ApiProperty({
    type: 'integer',
    description: 'Integer minor units (cents for AUD).',
    minimum: 1,
    maximum: PrizeLimits.amountMax,
    example: 5000,
  })
  @Max(PrizeLimits.amountMax)
  @Min(1, { message: 'amount must be at least 1 minor unit' })
  @IsInt({ message: 'amount must be an integer number of minor units' })
  @Required()
  amount!: number;

  @ApiProperty({
    description: 'ISO 4217, upper case: the currency whose net earnings decide the week.',
    example: 'AUD',
    pattern: '^[A-Z]{3}$',
  })
  @IsCurrencyCode()
  @Required()
  currency!: string;
}

export class WeeklyPrizeDto implements WeeklyPrizeSettings {
  @ApiProperty({ type: PrizeAmountDto, description: "The prize, paid to the week's top creator on top of their royalties." })
  @ValidateNested()
  @Type(() => PrizeAmountDto)
  @Required()
  amount!: PrizeAmountDto;

  @ApiProperty({
    description: `${TIME_ZONE_RULE[0].toUpperCase()}${TIME_ZONE_RULE.slice(1)}: each week starts on Monday at 00:00 there.`,
    example: 'Australia/Sydney',
    minLength: 1,
    maxLength: PrizeLimits.timeZoneMaxLength,
  })
  @ValidateBy({
    name: 'isTimeZone',
    validator: { validate: (value) => canonicalTimeZone(value) !== undefined, defaultMessage: () => `timeZone must be ${TIME_ZONE_RULE}` },
  })
  @MaxLength(PrizeLimits.timeZoneMaxLength)
  @IsString()
  @Required()
  timeZone!: string;
}
