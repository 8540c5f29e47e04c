import { GetPayoutRunRequest, PAYOUT_RUN_ID_PATTERN, PayoutLimits, StartPayoutRunRequest } from '@mogul/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';

const RUN_ID_RULE = `1–${PayoutLimits.runIdMaxLength} characters of letters, digits, '.', '_' and '-', starting with a letter or digit`;

export class StartRunBody implements StartPayoutRunRequest {
  @IsString()
  @Length(1, PayoutLimits.runIdMaxLength, { message: `runId must be ${RUN_ID_RULE}` })
  @Matches(PAYOUT_RUN_ID_PATTERN, { message: `runId must be ${RUN_ID_RULE}` })
  runId: string;
}

/** The run of `GET …/payouts/runs/:id`, named `id` as in the public path. */
export class RunParams {
  @IsString()
  @Length(1, PayoutLimits.runIdMaxLength, { message: `id must be ${RUN_ID_RULE}` })
  @Matches(PAYOUT_RUN_ID_PATTERN, { message: `id must be ${RUN_ID_RULE}` })
  id: string;
}

export class RunPageQuery implements Omit<GetPayoutRunRequest, 'runId'> {
  @IsOptional()
  @IsString()
  @MaxLength(PayoutLimits.cursorMaxLength)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PayoutLimits.runPageMax)
  limit?: number;
}
