import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import { canonicalTimeZone, PrizeLimits, WeeklyPrizeSettings } from '@mogul/contracts';
import { MoneyDto } from '../../http/money.dto';
import { Required } from '../../problem/required.decorator';

const TIME_ZONE_RULE = 'an IANA time zone, such as Australia/Sydney';

export class WeeklyPrizeDto implements WeeklyPrizeSettings {
  @ApiProperty({
    type: MoneyDto,
    description: `The prize, paid to the week's top creator on top of their royalties: 1 to ${PrizeLimits.amountMax} minor units.`,
  })
  @ValidateNested()
  @Type(() => MoneyDto)
  @Required()
  amount!: MoneyDto;

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
