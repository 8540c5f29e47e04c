import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  BrowseProductsRequest,
  MyProductsRequest,
  PRODUCT_SORTS,
  PRODUCT_STATUSES,
  ProductLimits,
  ProductSort,
  ProductStatus,
} from '@mogul/contracts';

export class PageQuery {
  @ApiPropertyOptional({
    enum: PRODUCT_SORTS,
    default: 'newest',
    description: 'newest: latest first; votes: most voted; orders: most units ordered. Ties by id.',
  })
  @IsOptional()
  @IsIn(PRODUCT_SORTS, { message: `sort must be one of: ${PRODUCT_SORTS.join(', ')}` })
  sort?: ProductSort;

  @ApiPropertyOptional({ minimum: 1, maximum: ProductLimits.pageSizeMax, default: ProductLimits.pageSizeDefault })
  @IsOptional()
  @Type(() => Number)
  @Max(ProductLimits.pageSizeMax)
  @Min(1)
  @IsInt({ message: 'limit must be an integer' })
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page, with the same sort and filters.' })
  @IsOptional()
  @MaxLength(ProductLimits.cursorMaxLength)
  @IsString()
  cursor?: string;
}

export class BrowseProductsQuery extends PageQuery implements BrowseProductsRequest {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'listingId must be a UUID' })
  listingId?: string;

  @ApiPropertyOptional({ example: 'pizza' })
  @IsOptional()
  @MaxLength(ProductLimits.categoryMaxLength)
  @IsString()
  category?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'creatorId must be a UUID' })
  creatorId?: string;

  @ApiPropertyOptional({
    maxLength: ProductLimits.searchMaxLength,
    description: 'Full-text search on name and description: words, "quoted phrases", -excluded words.',
    example: 'spicy -pineapple',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MaxLength(ProductLimits.searchMaxLength)
  @IsString()
  q?: string;
}

export class MyProductsQuery extends PageQuery implements MyProductsRequest {
  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES, { message: `status must be one of: ${PRODUCT_STATUSES.join(', ')}` })
  status?: ProductStatus;
}
