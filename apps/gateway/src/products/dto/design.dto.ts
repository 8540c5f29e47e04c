import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsNotEmpty, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { CreateProductRequest, DesignChanges, ProductLimits, RejectProductRequest, Selections } from '@mogul/contracts';
import { EditOf } from '../../http/edit-of';
import { Required } from '../../problem/required.decorator';
import { MoneyDto } from '../../http/money.dto';
import { IsSelections, SELECTIONS_SCHEMA } from './selections';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

const ROYALTY_DESCRIPTION = "What the creator earns per unit sold; within the listing's royalty policy, in its currency.";

export class CreateProductDto implements CreateProductRequest {
  @ApiProperty({ format: 'uuid', description: 'The active listing the design is made on.' })
  @IsUUID('all', { message: 'listingId must be a UUID' })
  @Required()
  listingId!: string;

  @ApiProperty({ minLength: 1, maxLength: ProductLimits.nameMaxLength, example: 'Spicy Meat Feast' })
  @Transform(trimmed)
  @MaxLength(ProductLimits.nameMaxLength)
  @IsNotEmpty({ message: 'name must not be empty' })
  @IsString()
  @Required()
  name!: string;

  @ApiProperty({ maxLength: ProductLimits.descriptionMaxLength, example: 'Deep pan, ham, salami and chilli.' })
  @Transform(trimmed)
  @MaxLength(ProductLimits.descriptionMaxLength)
  @IsString()
  @Required()
  description!: string;

  @ApiProperty(SELECTIONS_SCHEMA)
  @IsSelections()
  @Required()
  selections!: Selections;

  @ApiProperty({ type: MoneyDto, description: ROYALTY_DESCRIPTION })
  @ValidateNested()
  @Type(() => MoneyDto)
  @Required()
  royaltyPerUnit!: MoneyDto;
}

/**
 * Changes to a draft, or to the copy a remix starts from: only the fields present change, each held
 * to the rules of a new design; `selections`, when present, replaces them whole.
 */
export class DesignChangesDto extends EditOf(CreateProductDto, ['listingId']) implements DesignChanges {}

export class RejectProductDto implements RejectProductRequest {
  @ApiProperty({ minLength: 1, maxLength: ProductLimits.rejectionReasonMaxLength, description: 'Shown to the creator.' })
  @Transform(trimmed)
  @MaxLength(ProductLimits.rejectionReasonMaxLength)
  @IsNotEmpty({ message: 'reason must not be empty' })
  @IsString()
  @Required()
  reason!: string;
}
