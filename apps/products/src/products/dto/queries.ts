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

/** A page of any list: how many, and where the previous page ended. */
class CursorPageQuery {
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

/** A page of designs, in the order asked for. */
class PageQuery extends CursorPageQuery {
  @IsOptional()
  @IsIn(PRODUCT_SORTS)
  sort?: ProductSort;
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

/** A page of the moderation queue, most flagged first. */
export class ModerationQueueQuery extends CursorPageQuery implements ModerationQueueRequest {}
