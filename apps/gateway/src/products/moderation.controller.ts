import { Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ModerationQueuePage, ProductView } from '@mogul/contracts';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/uuid-param';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { ProductsClient } from '../services/products.client';
import { ModerationQueuePageResponse, ModerationQueueQuery } from './dto/moderation.dto';
import { ProductResponse } from './dto/product.response';

/**
 * Operators' moderation queue: designs that shoppers flagged. Dismissing the flags shows a hidden
 * design again; rejecting it (`POST /products/{id}/reject`) upholds them.
 */
@ApiTags('moderation')
@ApiBearerAuth(BEARER_SCHEME)
@Roles('operator')
@Controller('moderation/products')
export class ModerationController {
  constructor(private readonly products: ProductsClient) {}

  @Get()
  @ApiOperation({
    summary: 'The moderation queue',
    description:
      'Operators only. Designs with open flags, most flagged first (ties by id), cursor-paginated; each with its open flags ' +
      'counted per reason and their texts (never who flagged).',
  })
  @ApiOkResponse({ type: ModerationQueuePageResponse })
  @ApiProblems(400, 401, 403)
  list(@Query() query: ModerationQueueQuery, @Caller() caller: GatewayCaller): Promise<ModerationQueuePage> {
    return this.products.moderationQueue(caller, query);
  }

  @Post(':id/dismiss')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Dismiss a design's flags",
    description:
      'Operators only. Closes its open flags; a design they hid shows again and can be ordered (if its listing allows). ' +
      'A design without open flags is a 409. To uphold the flags, reject the design instead (`POST /products/{id}/reject`).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  dismiss(@UuidParam('id') productId: string, @Caller() caller: GatewayCaller): Promise<ProductView> {
    return this.products.dismissFlags(caller, productId);
  }
}
