import {
  CreateCharityRequest,
  GivingLimits,
  GivingSettingRequest,
  MONTH_RULE,
  STATEMENT_MONTH_PATTERN,
  UpdateCharityRequest,
} from '@mogul/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const NAME_RULE = `1–${GivingLimits.charityNameMaxLength} characters`;

export class CreateCharityBody implements CreateCharityRequest {
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: `name must be ${NAME_RULE}` })
  @MaxLength(GivingLimits.charityNameMaxLength, { message: `name must be ${NAME_RULE}` })
  name: string;
}

export class UpdateCharityBody implements UpdateCharityRequest {
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: `name must be ${NAME_RULE}` })
  @MaxLength(GivingLimits.charityNameMaxLength, { message: `name must be ${NAME_RULE}` })
  name?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CharityParams {
  @IsUUID()
  id: string;
}

export class CharityStatementParams extends CharityParams {
  @IsString()
  @Matches(STATEMENT_MONTH_PATTERN, { message: `month must be ${MONTH_RULE}` })
  month: string;
}

export class GivingBody implements GivingSettingRequest {
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  charityId: string | null;

  @IsInt({ message: 'percent must be a whole number from 0 to 100' })
  @Min(0, { message: 'percent must be a whole number from 0 to 100' })
  @Max(GivingLimits.percentMax, { message: 'percent must be a whole number from 0 to 100' })
  percent: number;
}
