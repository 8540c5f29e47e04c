import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  LISTING_CODE_PATTERN,
  ListingFields,
  ListingLimits,
  ListingOptionGroupV1,
  ListingOptionV1,
  RoyaltyPolicyV1,
} from '@mogul/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsString,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Omittable } from '@mogul/http';
import { EditOf } from '../../http/edit-of';
import { Required } from '../../problem/required.decorator';
import { MoneyDto } from '../../http/money.dto';

/**
 * The shape of a listing as a merchant sends it. Each field is checked on its own here (a bad
 * one is a 400 naming its path); rules between fields (one currency throughout, selection
 * bounds against the options, unique codes, the royalty range) are the listings service's and
 * come back as 422 naming the fields. Limits come from the listings contract, so both agree.
 */

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

const CODE_RULE = 'lower-case letters and digits, words joined by - or _';
const IsListingCode = () => Matches(LISTING_CODE_PATTERN, { message: ({ property }) => `${property} must be ${CODE_RULE}` });

export class ListingOptionDto implements ListingOptionV1 {
  @ApiProperty({ description: `Unique in its group; ${CODE_RULE}.`, maxLength: ListingLimits.codeMaxLength, example: 'pineapple' })
  @IsListingCode()
  @MaxLength(ListingLimits.codeMaxLength)
  @IsString()
  @Required()
  code!: string;

  @ApiProperty({ maxLength: ListingLimits.nameMaxLength, example: 'Pineapple' })
  @Transform(trimmed)
  @Length(1, ListingLimits.nameMaxLength, { message: `name must be 1 to ${ListingLimits.nameMaxLength} characters long` })
  @IsString()
  @Required()
  name!: string;

  @ApiProperty({ type: MoneyDto, description: 'Added to the unit price when chosen; in the listing’s currency.' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @Required()
  priceDelta!: MoneyDto;
}

export class ListingOptionGroupDto implements ListingOptionGroupV1 {
  @ApiProperty({ description: `Unique in the listing; ${CODE_RULE}.`, maxLength: ListingLimits.codeMaxLength, example: 'toppings' })
  @IsListingCode()
  @MaxLength(ListingLimits.codeMaxLength)
  @IsString()
  @Required()
  code!: string;

  @ApiProperty({ maxLength: ListingLimits.nameMaxLength, example: 'Toppings' })
  @Transform(trimmed)
  @Length(1, ListingLimits.nameMaxLength, { message: `name must be 1 to ${ListingLimits.nameMaxLength} characters long` })
  @IsString()
  @Required()
  name!: string;

  @ApiProperty({ description: 'Fewest options a design must choose; at most maxSelections.', minimum: 0, example: 0 })
  @Min(0)
  @IsInt()
  @Required()
  minSelections!: number;

  @ApiProperty({ description: 'Most options a design may choose; 1 to the number of options.', minimum: 1, example: 8 })
  @Min(1, { message: 'maxSelections must be at least 1, or a design could choose nothing from the group' })
  @IsInt()
  @Required()
  maxSelections!: number;

  @ApiProperty({ type: [ListingOptionDto], minItems: 1, maxItems: ListingLimits.optionsPerGroupMax })
  @ValidateNested({ each: true })
  @Type(() => ListingOptionDto)
  @ArrayMaxSize(ListingLimits.optionsPerGroupMax)
  @ArrayMinSize(1, { message: 'options must offer at least one option' })
  @IsArray()
  @Required()
  options!: ListingOptionDto[];
}

export class RoyaltyPolicyDto implements RoyaltyPolicyV1 {
  @ApiProperty({ type: MoneyDto, description: 'Least royalty per unit a creator may choose.' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @Required()
  min!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Most royalty per unit a creator may choose; at least min.' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @Required()
  max!: MoneyDto;
}

export class CreateListingDto implements ListingFields {
  @ApiProperty({ maxLength: ListingLimits.titleMaxLength, example: 'Build-your-own pizza' })
  @Transform(trimmed)
  @Length(1, ListingLimits.titleMaxLength, { message: `title must be 1 to ${ListingLimits.titleMaxLength} characters long` })
  @IsString()
  @Required()
  title!: string;

  @ApiProperty({ maxLength: ListingLimits.descriptionMaxLength, description: 'May be empty.', example: 'Large, wood-fired.' })
  @Transform(trimmed)
  @MaxLength(ListingLimits.descriptionMaxLength)
  @IsString()
  @Required()
  description!: string;

  @ApiProperty({ maxLength: ListingLimits.categoryMaxLength, example: 'pizza' })
  @Transform(trimmed)
  @Length(1, ListingLimits.categoryMaxLength, { message: `category must be 1 to ${ListingLimits.categoryMaxLength} characters long` })
  @IsString()
  @Required()
  category!: string;

  @ApiProperty({ type: MoneyDto, description: 'Its currency is the listing’s: every other amount must use it.' })
  @ValidateNested()
  @Type(() => MoneyDto)
  @Required()
  basePrice!: MoneyDto;

  @ApiProperty({ type: [ListingOptionGroupDto], maxItems: ListingLimits.optionGroupsMax })
  @ValidateNested({ each: true })
  @Type(() => ListingOptionGroupDto)
  @ArrayMaxSize(ListingLimits.optionGroupsMax)
  @IsArray()
  @Required()
  optionGroups!: ListingOptionGroupDto[];

  @ApiProperty({ type: RoyaltyPolicyDto })
  @ValidateNested()
  @Type(() => RoyaltyPolicyDto)
  @Required()
  royaltyPolicy!: RoyaltyPolicyDto;

  @ApiPropertyOptional({ description: 'Create it active at once instead of as a draft.', default: false })
  @IsBoolean()
  @Omittable()
  publish?: boolean;
}

/** An edit names only the fields that change, each held to the rules of a new listing; `optionGroups`, when present, replaces them all. */
export class UpdateListingDto extends EditOf(CreateListingDto, ['publish']) implements Partial<ListingFields> {}
