import {
  isCurrencyCode,
  LEADERBOARD_PERIOD_PATTERN,
  LeaderboardRequest,
  MONTH_RULE,
  PayoutLimits,
  STATEMENT_MONTH_PATTERN,
  StatementRequest,
} from '@mogul/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';

const IsCurrency = () =>
  ValidateBy({
    name: 'isCurrencyCode',
    validator: { validate: isCurrencyCode, defaultMessage: () => 'currency must be an ISO 4217 code' },
  });

/** The month of `GET …/creators/me/statements/:month`. */
export class StatementMonthParams {
  @IsString()
  @Matches(STATEMENT_MONTH_PATTERN, { message: `month must be ${MONTH_RULE}` })
  month: string;
}

export class StatementQuery implements Omit<StatementRequest, 'month'> {
  @IsOptional()
  @IsCurrency()
  currency?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PayoutLimits.statementPageMax)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(PayoutLimits.cursorMaxLength)
  cursor?: string;
}

export class LeaderboardQuery implements LeaderboardRequest {
  @IsOptional()
  @IsString()
  @Matches(LEADERBOARD_PERIOD_PATTERN, { message: `period must be 28d, 7d, all or ${MONTH_RULE}` })
  period?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PayoutLimits.leaderboardSizeMax)
  limit?: number;
}
