import { ApiPropertyOptional } from '@nestjs/swagger';
import { LISTING_STATUSES, ListingLimits, ListingStatus } from '@mogul/contracts';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

/** Cursors are opaque base64url text the service handed out; anything much longer is not one. */
const CURSOR_MAX_LENGTH = 512;

class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: ListingLimits.pageSizeMax, default: ListingLimits.pageSizeDefault })
  @Max(ListingLimits.pageSizeMax)
  @Min(1)
  @IsInt({ message: 'limit must be an integer' })
  @Type(() => Number)
  @IsOptional()
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @MaxLength(CURSOR_MAX_LENGTH)
  @IsString()
  @IsOptional()
  cursor?: string;
}

export class BrowseListingsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only listings of this category (any letter case).', example: 'pizza' })
  @Length(1, ListingLimits.categoryMaxLength)
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsOptional()
  category?: string;
}

export class MyListingsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LISTING_STATUSES, description: 'Only listings in this status.' })
  @IsIn(LISTING_STATUSES, { message: `status must be one of: ${LISTING_STATUSES.join(', ')}` })
  @IsOptional()
  status?: ListingStatus;
}
