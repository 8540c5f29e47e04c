import {
  BrowseProductsRequest,
  ModerationQueueRequest,
  MyProductsRequest,
  PRODUCT_SORTS,
  PRODUCT_STATUSES,
  ProductLimits,
  ProductSort,
  ProductStatus,
} from '@mogul/contracts';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

class PageQuery {
  @IsOptional()
  @IsIn(PRODUCT_SORTS)
  sort?: ProductSort;

  // A query string arrives as text.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ProductLimits.pageSizeMax)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(ProductLimits.cursorMaxLength)
  cursor?: string;
}

export class BrowseProductsQuery extends PageQuery implements BrowseProductsRequest {
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
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(ProductLimits.searchMaxLength)
  q?: string;
}

export class MyProductsQuery extends PageQuery implements MyProductsRequest {
  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;
}

export class ModerationQueueQuery implements ModerationQueueRequest {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ProductLimits.pageSizeMax)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(ProductLimits.cursorMaxLength)
  cursor?: string;
}
