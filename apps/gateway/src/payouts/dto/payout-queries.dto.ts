import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { LEADERBOARD_PERIOD_PATTERN, MONTH_RULE, PAYOUT_RUN_ID_PATTERN, PayoutLimits } from '@mogul/contracts';
import { IsCurrencyCode } from '../../http/money.dto';
import { Required } from '../../problem/required.decorator';

export const RUN_ID_RULE = `1–${PayoutLimits.runIdMaxLength} characters of letters, digits, '.', '_' and '-', starting with a letter or digit`;

class CursorQuery {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @MaxLength(PayoutLimits.cursorMaxLength)
  @IsString()
  cursor?: string;
}

export class StatementQuery extends CursorQuery {
  @ApiPropertyOptional({ description: 'One currency; every currency you earned in when absent.', example: 'AUD', pattern: '^[A-Z]{3}$' })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: PayoutLimits.statementPageMax,
    default: PayoutLimits.statementPageDefault,
    description: 'Lines per page and currency (JSON); lines in the file (CSV, the whole month when absent).',
  })
  @IsOptional()
  @Type(() => Number)
  @Max(PayoutLimits.statementPageMax)
  @Min(1)
  @IsInt({ message: 'limit must be an integer' })
  limit?: number;
}

export class LeaderboardQuery {
  @ApiPropertyOptional({
    default: '28d',
    description: `\`28d\` or \`7d\` (rolling, up to now), \`all\`, or ${MONTH_RULE} (a UTC calendar month).`,
    example: '28d',
    pattern: LEADERBOARD_PERIOD_PATTERN.source,
  })
  @IsOptional()
  @Matches(LEADERBOARD_PERIOD_PATTERN, { message: `period must be 28d, 7d, all or ${MONTH_RULE}` })
  @IsString()
  period?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PayoutLimits.leaderboardSizeMax, default: PayoutLimits.leaderboardSizeDefault })
  @IsOptional()
  @Type(() => Number)
  @Max(PayoutLimits.leaderboardSizeMax)
  @Min(1)
  @IsInt({ message: 'limit must be an integer' })
  limit?: number;
}

export class PayoutRunQuery extends CursorQuery {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: PayoutLimits.runPageMax,
    default: PayoutLimits.runPageDefault,
    description: 'Payouts per page.',
  })
  @IsOptional()
  @Type(() => Number)
  @Max(PayoutLimits.runPageMax)
  @Min(1)
  @IsInt({ message: 'limit must be an integer' })
  limit?: number;
}

export class StartPayoutRunDto {
  @ApiProperty({
    description:
      'Your name for the run, ' +
      RUN_ID_RULE +
      '. Sending it again answers the same run and pays nobody twice, so retry a run with its id.',
    example: '2026-05-weekly',
    minLength: 1,
    maxLength: PayoutLimits.runIdMaxLength,
    pattern: PAYOUT_RUN_ID_PATTERN.source,
  })
  @Matches(PAYOUT_RUN_ID_PATTERN, { message: `runId must be ${RUN_ID_RULE}` })
  @Length(1, PayoutLimits.runIdMaxLength, { message: `runId must be ${RUN_ID_RULE}` })
  @IsString()
  @Required()
  runId!: string;
}
