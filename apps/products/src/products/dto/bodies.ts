import {
  BrowseProductsRequest,
  CreateProductRequest,
  DesignFields,
  GetProductBySlugRequest,
  GetProductRequest,
  isCurrencyCode,
  Money,
  MyProductsRequest,
  PRODUCT_SORTS,
  PRODUCT_STATUSES,
  ProductActor,
  ProductLimits,
  ProductSort,
  ProductStatus,
  ProductTransitionRequest,
  RejectProductRequest,
  RemixProductRequest,
  Role,
  ROLES,
  Selections,
  UpdateProductRequest,
  VoteRequest,
} from '@mogul/contracts';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { IsSelections } from './selections';

/** Names and descriptions are stored without surrounding white space. */
const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

const IsCurrency = () =>
  ValidateBy({ name: 'isCurrency', validator: { validate: isCurrencyCode, defaultMessage: () => 'currency must be an ISO 4217 code' } });

export class MoneyBody implements Money {
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount: number;

  @IsCurrency()
  currency: string;
}

export class ActorBody implements ProductActor {
  @IsUUID()
  userId: string;

  @IsArray()
  @IsIn(ROLES, { each: true })
  roles: Role[];
}

export class DesignBody implements DesignFields {
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
  @Type(() => MoneyBody)
  royaltyPerUnit: MoneyBody;
}

/** The same fields, each optional: the ones present replace the current ones. */
export class DesignChangesBody implements Partial<DesignFields> {
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ProductLimits.nameMaxLength)
  name?: string;

  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(ProductLimits.descriptionMaxLength)
  description?: string;

  @IsOptional()
  @IsSelections()
  selections?: Selections;

  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyBody)
  royaltyPerUnit?: MoneyBody;
}

export class CreateProductBody implements CreateProductRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;

  @IsUUID()
  listingId: string;

  @ValidateNested()
  @Type(() => DesignBody)
  design: DesignBody;
}

export class UpdateProductBody implements UpdateProductRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;

  @IsUUID()
  productId: string;

  @ValidateNested()
  @Type(() => DesignChangesBody)
  changes: DesignChangesBody;
}

export class ProductTransitionBody implements ProductTransitionRequest, VoteRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;

  @IsUUID()
  productId: string;
}

export class RejectProductBody implements RejectProductRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;

  @IsUUID()
  productId: string;

  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ProductLimits.rejectionReasonMaxLength)
  reason: string;
}

export class RemixProductBody implements RemixProductRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;

  @IsUUID()
  productId: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => DesignChangesBody)
  changes?: DesignChangesBody;
}

export class GetProductBody implements GetProductRequest {
  @IsOptional()
  @ValidateNested()
  @Type(() => ActorBody)
  actor?: ActorBody;

  @IsUUID()
  productId: string;
}

export class GetProductBySlugBody implements GetProductBySlugRequest {
  @IsOptional()
  @ValidateNested()
  @Type(() => ActorBody)
  actor?: ActorBody;

  @IsString()
  @IsNotEmpty()
  @MaxLength(ProductLimits.slugMaxLength)
  slug: string;
}

class PageBody {
  @IsOptional()
  @IsIn(PRODUCT_SORTS)
  sort?: ProductSort;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ProductLimits.pageSizeMax)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(ProductLimits.cursorMaxLength)
  cursor?: string;
}

export class BrowseProductsBody extends PageBody implements BrowseProductsRequest {
  @IsOptional()
  @IsUUID()
  listingId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(ProductLimits.categoryMaxLength)
  category?: string;

  @IsOptional()
  @IsUUID()
  creatorId?: string;

  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @MaxLength(ProductLimits.searchMaxLength)
  q?: string;
}

export class MyProductsBody extends PageBody implements MyProductsRequest {
  @ValidateNested()
  @Type(() => ActorBody)
  actor: ActorBody;

  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;
}
