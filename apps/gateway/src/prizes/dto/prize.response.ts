import { ApiProperty } from '@nestjs/swagger';
import { PrizePeriod, PrizeStanding, PrizeStandingEntry, PrizeWinner, WeeklyPrizeView } from '@mogul/contracts';
import { MoneyResponse } from '../../http/money.dto';

const NAME_DESCRIPTION = 'The creator’s display name now; null until payouts has heard of their registration.';

export class PrizePeriodResponse implements PrizePeriod {
  @ApiProperty({ format: 'date-time', description: 'Monday 00:00 in the prize’s time zone (inclusive).' })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'The next Monday 00:00 there (exclusive).' })
  to!: string;
}

export class WeeklyPrizeResponse implements WeeklyPrizeView {
  @ApiProperty({ type: MoneyResponse })
  amount!: MoneyResponse;

  @ApiProperty({ example: 'Australia/Sydney' })
  timeZone!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ type: PrizePeriodResponse, description: 'The first week not closed yet: the settings apply to it and every later one.' })
  nextPeriod!: PrizePeriodResponse;
}

export class PrizeStandingEntryResponse implements PrizeStandingEntry {
  @ApiProperty({ example: 1 })
  rank!: number;

  @ApiProperty({ format: 'uuid' })
  creatorId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Pizza Pam', description: NAME_DESCRIPTION })
  creatorName!: string | null;

  @ApiProperty({ type: MoneyResponse, description: 'Royalties accrued minus reversals posted in the week, in the prize’s currency.' })
  earned!: MoneyResponse;
}

export class PrizeStandingResponse implements PrizeStanding {
  @ApiProperty({ type: MoneyResponse })
  prize!: MoneyResponse;

  @ApiProperty({ example: 'Australia/Sydney' })
  timeZone!: string;

  @ApiProperty({ type: PrizePeriodResponse })
  period!: PrizePeriodResponse;

  @ApiProperty({
    type: [PrizeStandingEntryResponse],
    description: 'The week’s top creators so far (up to `limit`): highest net first, equal nets to whoever reached it first.',
  })
  standing!: PrizeStandingEntryResponse[];
}

export class PrizeWinnerResponse implements PrizeWinner {
  @ApiProperty({ type: PrizePeriodResponse })
  period!: PrizePeriodResponse;

  @ApiProperty({ format: 'uuid' })
  creatorId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Pizza Pam', description: NAME_DESCRIPTION })
  creatorName!: string | null;

  @ApiProperty({ type: MoneyResponse })
  prize!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'The net earnings that won the week.' })
  earned!: MoneyResponse;
}
