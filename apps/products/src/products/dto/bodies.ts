import {
  CreateProductRequest,
  FLAG_REASONS,
  FlagProductRequest,
  FlagReason,
  flagTextProblem,
  DesignChanges,
  isCurrencyCode,
  Money,
  ProductLimits,
  RejectProductRequest,
  Selections,
} from '@mogul/contracts';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min, ValidateBy, ValidateNested } from 'class-validator';
import { Omittable } from '@mogul/http';
import { IsSelections } from './selections';

/** Names and descriptions are stored without surrounding white space. */
const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

const IsCurrency = () =>
  ValidateBy({ name: 'isCurrency', validator: { validate: isCurrencyCode, defaultMessage: () => 'currency must be an ISO 4217 code' } });

/** A royalty per unit: beyond its bounds it is malformed (400); outside the listing's policy, a rule broken (422). */
export class RoyaltyBody implements Money {
  @IsInt()
  @Min(0)
  @Max(ProductLimits.royaltyAmountMax)
  amount: number;

  @IsCurrency()
  currency: string;
}

/** A new draft: the fields as the public API takes them, so a field's name reads the same at both. */
export class CreateProductBody implements CreateProductRequest {
  @IsUUID()
  listingId: string;

  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ProductLimits.nameMaxLength)
  name: string;

  @Transform(trimmed)
  @IsString()
  @MaxLength(ProductLimits.descriptionMaxLength)
  description: string;

  @IsSelections()
  selections: Selections;

  @ValidateNested()
  @Type(() => RoyaltyBody)
  royaltyPerUnit: RoyaltyBody;
}

/** The design fields, each optional: the ones present replace the current (or copied) ones. */
export class DesignChangesBody implements DesignChanges {
  @Omittable()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ProductLimits.nameMaxLength)
  name?: string;

  @Omittable()
  @Transform(trimmed)
  @IsString()
  @MaxLength(ProductLimits.descriptionMaxLength)
  description?: string;

  @Omittable()
  @IsSelections()
  selections?: Selections;

  @Omittable()
  @ValidateNested()
  @Type(() => RoyaltyBody)
  royaltyPerUnit?: RoyaltyBody;
}

export class RejectProductBody implements RejectProductRequest {
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ProductLimits.rejectionReasonMaxLength)
  reason: string;
}

/** Whether a flag's text suits its reason (`flagTextProblem`): required for `other`, at most 500 characters. */
const IsFlagText = () =>
  ValidateBy({
    name: 'isFlagText',
    validator: {
      validate: (value, args) => flagTextProblem((args?.object as FlagProductBody).reason, value) === undefined,
      defaultMessage: (args) => flagTextProblem((args?.object as FlagProductBody).reason, args?.value) ?? 'text is not valid',
    },
  });

/** A report of a design: `text` is required for `other`, optional otherwise. */
export class FlagProductBody implements FlagProductRequest {
  @IsIn(FLAG_REASONS)
  reason: FlagReason;

  @IsFlagText()
  text?: string;
}
