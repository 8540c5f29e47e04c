import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { Causation, ModerationQueuePage, ProductView } from '@mogul/contracts';
import { Cause, INTERNAL_API_PREFIX, RequireRoles } from '@mogul/http';
import { ProductIdParams } from './dto/params';
import { ModerationQueueQuery } from './dto/queries';
import { ModerationQueue } from './moderation-queue.service';
import { ProductCatalogue } from './product-catalogue.service';
import { ProductFlagService } from './product-flag.service';

/** Operators' moderation of flagged designs; rejecting one is `POST /products/:id/reject`. */
@Controller(`${INTERNAL_API_PREFIX}/moderation/products`)
@RequireRoles('operator')
export class ModerationController {
  constructor(
    private readonly queue: ModerationQueue,
    private readonly flags: ProductFlagService,
    private readonly catalogue: ProductCatalogue,
  ) {}

  @Get()
  list(@Query() query: ModerationQueueQuery): Promise<ModerationQueuePage> {
    return this.queue.page(query);
  }

  @Post(':id/dismiss')
  @HttpCode(HttpStatus.OK)
  async dismiss(@Param() { id }: ProductIdParams, @Cause() cause: Causation): Promise<ProductView> {
    return this.catalogue.viewOf(await this.flags.dismiss(id, cause), { withFlags: true });
  }
}
