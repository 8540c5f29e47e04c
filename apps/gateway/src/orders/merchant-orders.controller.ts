import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenClaims, ListOrdersRequest, OrderPage, OrdersPatterns } from '@mogul/contracts';
import { ServiceClient } from '@mogul/messaging';
import { CorrelationId } from '@mogul/observability';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { unwrap } from '../problem/errors';
import { actorOf } from './actor';
import { OrderPageQuery } from './dto/place-order.dto';
import { OrderPageResponse } from './dto/order.response';

/** Orders for the signed-in merchant's listings. */
@ApiTags('orders')
@ApiBearerAuth(BEARER_SCHEME)
@Controller('merchants/me/orders')
export class MerchantOrdersController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Roles('merchant')
  @ApiOperation({ summary: 'Orders of my listings', description: 'Newest first; each order shows only the lines of your listings.' })
  @ApiOkResponse({ type: OrderPageResponse })
  @ApiProblems(400, 401, 403)
  async list(
    @Query() query: OrderPageQuery,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<OrderPage> {
    const request: ListOrdersRequest = { actor: actorOf(user), limit: query.limit, cursor: query.cursor };
    return unwrap(await this.services.send<OrderPage, ListOrdersRequest>(OrdersPatterns.merchant, request, correlationId));
  }
}
