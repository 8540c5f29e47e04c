import {
  BrowseListingsRequest,
  CreateListingRequest,
  GetListingRequest,
  LISTING_STATUSES,
  ListingActor,
  ListingLimits,
  ListingStatus,
  ListingTransitionRequest,
  MyListingsRequest,
  Role,
  ROLES,
  UpdateListingRequest,
} from '@mogul/contracts';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { trimmed } from './trimmed';
import { ListingChangesBody, ListingFieldsBody } from './listing-fields.body';

/** Request bodies of the listings patterns; every one is checked here whatever the gateway did. */

export class ListingActorBody implements ListingActor {
  @IsUUID()
  userId: string;

  @IsArray()
  @IsIn(ROLES, { each: true, message: `roles must each be one of: ${ROLES.join(', ')}` })
  roles: Role[];
}

export class CreateListingBody implements CreateListingRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => ListingActorBody)
  actor: ListingActorBody;

  @IsDefined()
  @ValidateNested()
  @Type(() => ListingFieldsBody)
  listing: ListingFieldsBody;

  @IsOptional()
  @IsBoolean()
  publish?: boolean;
}

export class UpdateListingBody implements UpdateListingRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => ListingActorBody)
  actor: ListingActorBody;

  @IsUUID()
  listingId: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => ListingChangesBody)
  changes: ListingChangesBody;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ListingTransitionBody implements ListingTransitionRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => ListingActorBody)
  actor: ListingActorBody;

  @IsUUID()
  listingId: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class GetListingBody implements GetListingRequest {
  @IsOptional()
  @ValidateNested()
  @Type(() => ListingActorBody)
  actor?: ListingActorBody;

  @IsUUID()
  listingId: string;
}

export class BrowseListingsBody implements BrowseListingsRequest {
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ListingLimits.categoryMaxLength)
  category?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ListingLimits.pageSizeMax)
  limit?: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  cursor?: string;
}

export class MyListingsBody implements MyListingsRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => ListingActorBody)
  actor: ListingActorBody;

  @IsOptional()
  @IsIn(LISTING_STATUSES, { message: `status must be one of: ${LISTING_STATUSES.join(', ')}` })
  status?: ListingStatus;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ListingLimits.pageSizeMax)
  limit?: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  cursor?: string;
}
