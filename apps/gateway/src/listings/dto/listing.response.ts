import { ApiProperty } from '@nestjs/swagger';
import { LISTING_STATUSES, ListingPage, ListingStatus, ListingView } from '@mogul/contracts';
import { ListingOptionGroupDto, RoyaltyPolicyDto } from './listing-fields.dto';
import { MoneyResponse } from '../../http/money.dto';

export class ListingResponse implements ListingView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  merchantId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty()
  category!: string;

  @ApiProperty({ type: MoneyResponse })
  basePrice!: MoneyResponse;

  @ApiProperty({ type: [ListingOptionGroupDto] })
  optionGroups!: ListingOptionGroupDto[];

  @ApiProperty({ type: RoyaltyPolicyDto })
  royaltyPolicy!: RoyaltyPolicyDto;

  @ApiProperty({ enum: LISTING_STATUSES, description: 'draft → active ⇄ paused → retired (a draft may be retired too).' })
  status!: ListingStatus;

  @ApiProperty({ description: 'Grows by one with every change; send it back in If-Match to edit only that version.', example: 3 })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it was first published.' })
  publishedAt!: string | null;
}

export class ListingPageResponse implements ListingPage {
  @ApiProperty({ type: [ListingResponse] })
  items!: ListingResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor!: string | null;
}
