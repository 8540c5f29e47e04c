import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, OrderPage, OrderView } from '@mogul/contracts';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/uuid-param';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { OrdersClient } from '../services/orders.client';
import { OrderPageQuery, PlaceOrderDto, RefundOrderDto } from './dto/place-order.dto';
import { OrderPageResponse, OrderResponse } from './dto/order.response';
import { IdempotencyKey } from './idempotency-key';

/**
 * A shopper's orders. Checkout places and pays in one request under an `Idempotency-Key`; who
 * may see or change an order is the orders service's to decide (another's order is a 404).
 */
@ApiTags('orders')
@ApiBearerAuth(BEARER_SCHEME)
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: OrdersClient) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Place and pay an order',
    description:
      'Each line is priced from the published design and keeps that price, royalty and royalty split for good. ' +
      'The same Idempotency-Key with the same body answers the first answer again without a second order; ' +
      'with another body it is a 422. Keys are per shopper and kept at least 24 hours. ' +
      'A declined payment answers 201 with the order in `payment_failed`. Unknown designs and mixed currencies are 422, ' +
      'designs that cannot be ordered 409, each naming the line.',
  })
  @ApiHeader({ name: IDEMPOTENCY_KEY_HEADER, required: true, description: 'Unique per checkout attempt, at most 255 characters.' })
  @ApiCreatedResponse({ type: OrderResponse })
  @ApiProblems(400, 401, 409, 422)
  place(@IdempotencyKey() idempotencyKey: string, @Body() body: PlaceOrderDto, @Caller() caller: GatewayCaller): Promise<OrderView> {
    return this.orders.place(caller, idempotencyKey, body);
  }

  @Get()
  @ApiOperation({ summary: 'My orders', description: 'Newest first, cursor-paginated.' })
  @ApiOkResponse({ type: OrderPageResponse })
  @ApiProblems(400, 401)
  mine(@Query() query: OrderPageQuery, @Caller() caller: GatewayCaller): Promise<OrderPage> {
    return this.orders.mine(caller, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An order', description: "Your own; another shopper's order is a 404." })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblems(400, 401, 404)
  get(@UuidParam('id') orderId: string, @Caller() caller: GatewayCaller): Promise<OrderView> {
    return this.orders.get(caller, orderId);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel an order before fulfilment', description: 'Your own, or any as an operator; refunds what was paid.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblems(400, 401, 404, 409)
  cancel(@UuidParam('id') orderId: string, @Caller() caller: GatewayCaller): Promise<OrderView> {
    return this.orders.cancel(caller, orderId);
  }

  @Post(':id/fulfil')
  @HttpCode(HttpStatus.OK)
  @Roles('merchant', 'operator')
  @ApiOperation({ summary: 'Fulfil a paid order', description: "The merchant of the order's listings, or an operator." })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  fulfil(@UuidParam('id') orderId: string, @Caller() caller: GatewayCaller): Promise<OrderView> {
    return this.orders.fulfil(caller, orderId);
  }

  @Post(':id/refund')
  @HttpCode(HttpStatus.OK)
  @Roles('operator')
  @ApiOperation({
    summary: 'Refund a paid order, whole or some lines',
    description: 'Operators only. Each line is refunded at most once (409).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  refund(@UuidParam('id') orderId: string, @Body() body: RefundOrderDto, @Caller() caller: GatewayCaller): Promise<OrderView> {
    return this.orders.refund(caller, orderId, body);
  }
}
