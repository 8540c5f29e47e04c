import {
  EarningsRequest,
  isCurrencyCode,
  LEADERBOARD_PERIOD_PATTERN,
  LeaderboardRequest,
  PayoutLimits,
  STATEMENT_MONTH_PATTERN,
  StatementRequest,
} from '@mogul/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
import { ActorBody } from '../../actor.body';

const IsCurrency = () =>
  ValidateBy({
    name: 'isCurrencyCode',
    validator: { validate: isCurrencyCode, defaultMessage: () => 'currency must be an ISO 4217 code' },
  });

export class EarningsBody implements EarningsRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;
}

export class StatementBody implements StatementRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;

  @IsString()
  @Matches(STATEMENT_MONTH_PATTERN, { message: 'month must be a month yyyy-mm' })
  month: string;

  @IsOptional()
  @IsCurrency()
  currency?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PayoutLimits.statementPageMax)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(PayoutLimits.cursorMaxLength)
  cursor?: string;
}

export class LeaderboardBody implements LeaderboardRequest {
  @IsOptional()
  @IsString()
  @Matches(LEADERBOARD_PERIOD_PATTERN, { message: 'period must be 28d, 7d, all or a month yyyy-mm' })
  period?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PayoutLimits.leaderboardSizeMax)
  limit?: number;
}
