import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRODUCT_STATUSES, ProductPage, ProductStatus, ProductView, RemixLineage, Selections, VoteReply } from '@mogul/contracts';
import { FlagSummaryResponse } from './flag.dto';
import { MoneyResponse } from '../../http/money.dto';
import { SELECTIONS_SCHEMA } from './selections';

export class RemixLineageResponse implements RemixLineage {
  @ApiProperty({ format: 'uuid' })
  parentProductId!: string;

  @ApiProperty({ format: 'uuid' })
  parentCreatorId!: string;

  @ApiProperty({ format: 'uuid', description: 'The original design of the line.' })
  rootProductId!: string;

  @ApiProperty({ description: '1 for a remix of an original, 2 for a remix of a remix, …', example: 1 })
  depth!: number;

  @ApiProperty({ description: "The parent creator's share of this design's royalty, in basis points.", example: 2000 })
  parentShareBps!: number;
}

export class ProductResponse implements ProductView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  listingId!: string;

  @ApiProperty({ format: 'uuid' })
  merchantId!: string;

  @ApiProperty({ example: 'pizza' })
  category!: string;

  @ApiProperty({ format: 'uuid' })
  creatorId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Ada' })
  creatorName!: string | null;

  @ApiProperty({ example: 'Spicy Meat Feast' })
  name!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty(SELECTIONS_SCHEMA)
  selections!: Selections;

  @ApiProperty({ type: MoneyResponse })
  royaltyPerUnit!: MoneyResponse;

  @ApiProperty({ type: MoneyResponse, description: 'Base price + option deltas + royalty, computed by the service.' })
  unitPrice!: MoneyResponse;

  @ApiProperty({ enum: PRODUCT_STATUSES })
  status!: ProductStatus;

  @ApiProperty({ type: String, nullable: true, example: 'spicy-meat-feast-x7k2', description: 'Set once published.' })
  slug!: string | null;

  @ApiProperty({ description: 'Whether it can be ordered now: published, on an active listing that its selections fit.' })
  orderable!: boolean;

  @ApiProperty({
    description: "Hidden from the public while reports of it await an operator's decision; only its creator and operators see it then.",
  })
  hidden!: boolean;

  @ApiPropertyOptional({
    type: FlagSummaryResponse,
    description: 'Its open flags (counts per reason and texts, never who made them): only for its creator and operators.',
  })
  flags?: FlagSummaryResponse;

  @ApiProperty({ example: 12 })
  votes!: number;

  @ApiProperty({ description: 'Paid orders with this design.' })
  ordersCount!: number;

  @ApiProperty({ description: 'Units of this design in paid orders.' })
  unitsOrdered!: number;

  @ApiPropertyOptional({ type: RemixLineageResponse, nullable: true })
  remixOf!: RemixLineageResponse | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why an operator rejected it (shown to its creator).' })
  rejectionReason!: string | null;

  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt!: string | null;
}

export class ProductPageResponse implements ProductPage {
  @ApiProperty({ type: ProductResponse, isArray: true })
  items!: ProductResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor!: string | null;
}

export class VoteResponse implements VoteReply {
  @ApiProperty({ format: 'uuid' })
  productId!: string;

  @ApiProperty({ description: 'The vote count, counting the caller once however often they vote.' })
  votes!: number;

  @ApiProperty({ enum: [true] })
  voted!: true;
}
