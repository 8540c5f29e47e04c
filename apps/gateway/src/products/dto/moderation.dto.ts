import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ModerationQueueItem, ModerationQueuePage, ModerationQueueRequest, ProductLimits } from '@mogul/contracts';
import { FlagSummaryResponse } from './flag.dto';
import { ProductResponse } from './product.response';

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

export class ModerationQueueQuery implements ModerationQueueRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: ProductLimits.pageSizeMax, default: ProductLimits.pageSizeDefault })
  @IsOptional()
  @Type(() => Number)
  @Max(ProductLimits.pageSizeMax)
  @Min(1)
  @IsInt({ message: 'limit must be an integer' })
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @MaxLength(ProductLimits.cursorMaxLength)
  @IsString()
  cursor?: string;
}
