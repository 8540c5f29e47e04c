import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, ValidateBy } from 'class-validator';
import {
  FLAG_REASONS,
  FLAG_STATUSES,
  FlagLimits,
  FlagProductRequest,
  FlagReason,
  FlagStatus,
  FlagSummary,
  flagTextProblem,
  FlagView,
} from '@mogul/contracts';
import { Required } from '../../problem/required.decorator';

/** Whether a flag's text suits its reason (`flagTextProblem`): required for `other`, at most 500 characters. */
const IsFlagText = () =>
  ValidateBy({
    name: 'isFlagText',
    validator: {
      validate: (value, args) => flagTextProblem((args?.object as FlagProductDto).reason, value) === undefined,
      defaultMessage: (args) => flagTextProblem((args?.object as FlagProductDto).reason, args?.value) ?? 'text is not valid',
    },
  });

export class FlagProductDto implements FlagProductRequest {
  @ApiProperty({ enum: FLAG_REASONS, description: 'Why the design should not be on the platform.' })
  @IsIn(FLAG_REASONS, { message: `reason must be one of: ${FLAG_REASONS.join(', ')}` })
  @Required()
  reason!: FlagReason;

  @ApiPropertyOptional({
    maxLength: FlagLimits.textMaxLength,
    description:
      'In your own words (trimmed): required when the reason is `other`, optional otherwise. ' +
      'Shown to the creator and operators; who wrote it never is.',
  })
  @IsFlagText()
  text?: string;
}

export class FlagResponse implements FlagView {
  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ enum: FLAG_REASONS })
  reason!: FlagReason;

  @ApiProperty({ type: String, nullable: true })
  text!: string | null;

  @ApiProperty({ enum: FLAG_STATUSES, description: 'open until an operator dismisses it or rejects the design (upheld).' })
  status!: FlagStatus;

  @ApiProperty({ format: 'date-time' })
  flaggedAt!: string;
}

export class FlagCountsResponse implements Record<FlagReason, number> {
  @ApiProperty({ minimum: 0 })
  offensive!: number;

  @ApiProperty({ minimum: 0 })
  copyright!: number;

  @ApiProperty({ minimum: 0 })
  spam!: number;

  @ApiProperty({ minimum: 0 })
  other!: number;
}

export class FlagTextResponse {
  @ApiProperty({ enum: FLAG_REASONS })
  reason!: FlagReason;

  @ApiProperty()
  text!: string;
}

export class FlagSummaryResponse implements FlagSummary {
  @ApiProperty({ minimum: 0, description: 'Open flags in all.' })
  open!: number;

  @ApiProperty({ type: FlagCountsResponse, description: 'Open flags per reason.' })
  byReason!: FlagCountsResponse;

  @ApiProperty({
    type: FlagTextResponse,
    isArray: true,
    description: `The texts of open flags, newest first (at most ${FlagLimits.textsShownMax}).`,
  })
  texts!: FlagTextResponse[];

  @ApiProperty({ description: 'Hidden from the public until an operator decides.' })
  hidden!: boolean;
}
