import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Omittable } from '@mogul/http';
import { CreateCharityRequest, GivingLimits, GivingSettingRequest, UpdateCharityRequest } from '@mogul/contracts';
import { EditOf } from '../../http/edit-of';
import { Required } from '../../problem/required.decorator';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const PERCENT_RULE = `percent must be a whole number from 0 to ${GivingLimits.percentMax}`;

export class CreateCharityDto implements CreateCharityRequest {
  @ApiProperty({ minLength: 1, maxLength: GivingLimits.charityNameMaxLength, example: 'Food for All' })
  @Transform(trimmed)
  @MaxLength(GivingLimits.charityNameMaxLength)
  @IsNotEmpty({ message: 'name must not be empty' })
  @IsString()
  @Required()
  name!: string;
}

/** Rename, activate or deactivate: only the fields present change. */
export class UpdateCharityDto extends EditOf(CreateCharityDto) implements UpdateCharityRequest {
  @ApiPropertyOptional({
    description: 'false deactivates: creators can no longer choose it, and those who gave to it stop giving from now on.',
  })
  @Omittable()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class GivingDto implements GivingSettingRequest {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'An active charity (see `GET /charities`); null turns giving off.',
  })
  @ValidateIf((_object, value) => value !== null)
  @IsUUID('all', { message: 'charityId must be a UUID or null' })
  @Required()
  charityId!: string | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: GivingLimits.percentMax,
    example: 25,
    description: 'The whole percent of each royalty given from now on; 0 turns giving off.',
  })
  @Max(GivingLimits.percentMax, { message: PERCENT_RULE })
  @Min(0, { message: PERCENT_RULE })
  @IsInt({ message: PERCENT_RULE })
  @Required()
  percent!: number;
}
