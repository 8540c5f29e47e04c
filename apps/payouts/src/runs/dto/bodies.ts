import { GetPayoutRunRequest, PAYOUT_RUN_ID_PATTERN, PayoutLimits, StartPayoutRunRequest } from '@mogul/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ActorBody } from '../../actor.body';

const RUN_ID_RULE = `runId must be 1–${PayoutLimits.runIdMaxLength} characters of letters, digits, '.', '_' and '-'`;

export class StartRunBody implements StartPayoutRunRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;

  @IsString()
  @Length(1, PayoutLimits.runIdMaxLength, { message: RUN_ID_RULE })
  @Matches(PAYOUT_RUN_ID_PATTERN, { message: RUN_ID_RULE })
  runId: string;
}

export class GetRunBody extends StartRunBody implements GetPayoutRunRequest {
  @IsOptional()
  @IsString()
  @MaxLength(PayoutLimits.cursorMaxLength)
  cursor?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PayoutLimits.runPageMax)
  limit?: number;
}
