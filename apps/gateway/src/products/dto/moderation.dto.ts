import { ApiProperty, OmitType } from '@nestjs/swagger';
import { ModerationQueueItem, ModerationQueuePage, ModerationQueueRequest } from '@mogul/contracts';
import { FlagSummaryResponse } from './flag.dto';
import { ProductResponse } from './product.response';
import { PageQuery } from './product-queries.dto';

export class ModerationQueueItemResponse implements ModerationQueueItem {
  @ApiProperty({ type: ProductResponse })
  product!: ProductResponse;

  @ApiProperty({ type: FlagSummaryResponse })
  flags!: FlagSummaryResponse;
}

export class ModerationQueuePageResponse implements ModerationQueuePage {
  @ApiProperty({ type: ModerationQueueItemResponse, isArray: true })
  items!: ModerationQueueItemResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor!: string | null;
}

/** A page of the queue: the limit and cursor of every product list, without its sort (most flagged first). */
export class ModerationQueueQuery extends OmitType(PageQuery, ['sort']) implements ModerationQueueRequest {}
