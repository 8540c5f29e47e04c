import {
  BrowseListingsRequest,
  CreateListingRequest,
  LISTING_STATUSES,
  ListingLimits,
  ListingStatus,
  ListingVersionCondition,
  MyListingsRequest,
} from '@mogul/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Omittable } from '@mogul/http';
import { trimmed } from './trimmed';
import { ListingFieldsBody } from './listing-fields.body';

/**
 * Bodies, queries and path parameters of the listings routes; every one is checked here
 * whatever the gateway did. Query strings arrive as text, so numbers are converted first.
 */

export class CreateListingBody extends ListingFieldsBody implements CreateListingRequest {
  @Omittable()
  @IsBoolean()
  publish?: boolean;
}

export class ListingIdParams {
  @IsUUID()
  id: string;
}

export class ListingVersionQuery implements ListingVersionCondition {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ListingLimits.pageSizeMax)
  limit?: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  cursor?: string;
}

export class BrowseListingsQuery extends PageQuery implements BrowseListingsRequest {
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ListingLimits.categoryMaxLength)
  category?: string;
}

export class MyListingsQuery extends PageQuery implements MyListingsRequest {
  @IsOptional()
  @IsIn(LISTING_STATUSES, { message: `status must be one of: ${LISTING_STATUSES.join(', ')}` })
  status?: ListingStatus;
}
