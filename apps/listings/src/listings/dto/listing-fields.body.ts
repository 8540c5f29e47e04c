import {
  isCurrencyCode,
  LISTING_CODE_PATTERN,
  ListingFields,
  ListingLimits,
  ListingOptionGroupV1,
  ListingOptionV1,
  Money,
  RoyaltyPolicyV1,
  UpdateListingRequest,
} from '@mogul/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { Omittable } from '@mogul/http';
import { trimmed } from './trimmed';

/**
 * The shape of a listing's fields as the service receives them: each field on its own. Rules
 * between fields (one currency, selection bounds, unique codes) are the listing's, see
 * `listingRuleProblems`.
 */

const IsCurrencyCode = () =>
  ValidateBy({
    name: 'isCurrencyCode',
    validator: {
      validate: (value) => isCurrencyCode(value),
      defaultMessage: (args) => `${args?.property ?? 'currency'} must be an ISO 4217 currency code in upper case, such as AUD`,
    },
  });

const IsListingCode = () =>
  Matches(LISTING_CODE_PATTERN, { message: ({ property }) => `${property} must be lower-case letters and digits, words joined by - or _` });

export class MoneyBody implements Money {
  @IsInt()
  @Min(0)
  @Max(ListingLimits.amountMax)
  amount: number;

  @IsCurrencyCode()
  currency: string;
}

export class ListingOptionBody implements ListingOptionV1 {
  @IsString()
  @MaxLength(ListingLimits.codeMaxLength)
  @IsListingCode()
  code: string;

  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ListingLimits.nameMaxLength)
  name: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyBody)
  priceDelta: MoneyBody;
}

export class ListingOptionGroupBody implements ListingOptionGroupV1 {
  @IsString()
  @MaxLength(ListingLimits.codeMaxLength)
  @IsListingCode()
  code: string;

  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ListingLimits.nameMaxLength)
  name: string;

  @IsInt()
  @Min(0)
  minSelections: number;

  @IsInt()
  @Min(0)
  maxSelections: number;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ListingLimits.optionsPerGroupMax)
  @ValidateNested({ each: true })
  @Type(() => ListingOptionBody)
  options: ListingOptionBody[];
}

export class RoyaltyPolicyBody implements RoyaltyPolicyV1 {
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyBody)
  min: MoneyBody;

  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyBody)
  max: MoneyBody;
}

export class ListingFieldsBody implements ListingFields {
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ListingLimits.titleMaxLength)
  title: string;

  @Transform(trimmed)
  @IsString()
  @MaxLength(ListingLimits.descriptionMaxLength)
  description: string;

  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ListingLimits.categoryMaxLength)
  category: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyBody)
  basePrice: MoneyBody;

  @IsArray()
  @ArrayMaxSize(ListingLimits.optionGroupsMax)
  @ValidateNested({ each: true })
  @Type(() => ListingOptionGroupBody)
  optionGroups: ListingOptionGroupBody[];

  @IsDefined()
  @ValidateNested()
  @Type(() => RoyaltyPolicyBody)
  royaltyPolicy: RoyaltyPolicyBody;
}

/** The same fields, each optional: an edit names only what changes. */
export class ListingChangesBody implements UpdateListingRequest {
  @Omittable()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ListingLimits.titleMaxLength)
  title?: string;

  @Omittable()
  @Transform(trimmed)
  @IsString()
  @MaxLength(ListingLimits.descriptionMaxLength)
  description?: string;

  @Omittable()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ListingLimits.categoryMaxLength)
  category?: string;

  @Omittable()
  @ValidateNested()
  @Type(() => MoneyBody)
  basePrice?: MoneyBody;

  @Omittable()
  @IsArray()
  @ArrayMaxSize(ListingLimits.optionGroupsMax)
  @ValidateNested({ each: true })
  @Type(() => ListingOptionGroupBody)
  optionGroups?: ListingOptionGroupBody[];

  @Omittable()
  @ValidateNested()
  @Type(() => RoyaltyPolicyBody)
  royaltyPolicy?: RoyaltyPolicyBody;
}
