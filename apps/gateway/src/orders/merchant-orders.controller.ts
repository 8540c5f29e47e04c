import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrderPage } from '@mogul/contracts';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { OrdersClient } from '../services/orders.client';
import { OrderPageQuery } from './dto/place-order.dto';
import { OrderPageResponse } from './dto/order.response';

/** Orders for the signed-in merchant's listings. */
@ApiTags('orders')
@ApiBearerAuth(BEARER_SCHEME)
@Controller('merchants/me/orders')
export class MerchantOrdersController {
  constructor(private readonly orders: OrdersClient) {}

  @Get()
  @Roles('merchant')
  @ApiOperation({ summary: 'Orders of my listings', description: 'Newest first; each order shows only the lines of your listings.' })
  @ApiOkResponse({ type: OrderPageResponse })
  @ApiProblems(400, 401, 403)
  list(@Query() query: OrderPageQuery, @Caller() caller: GatewayCaller): Promise<OrderPage> {
    return this.orders.forMerchant(caller, query);
  }
}
