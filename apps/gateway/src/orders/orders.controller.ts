import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AccessTokenClaims,
  GetOrderRequest,
  ListOrdersRequest,
  OrderPage,
  OrdersPatterns,
  OrderTransitionRequest,
  OrderView,
  PlaceOrderRequest,
  RefundOrderRequest,
} from '@mogul/contracts';
import { ServiceClient } from '@mogul/messaging';
import { CorrelationId } from '@mogul/observability';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/uuid-param';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { unwrap } from '../problem/errors';
import { actorOf } from './actor';
import { OrderPageQuery, PlaceOrderDto, RefundOrderDto } from './dto/place-order.dto';
import { OrderPageResponse, OrderResponse } from './dto/order.response';
import { IDEMPOTENCY_KEY_HEADER, IdempotencyKey } from './idempotency-key';

/**
 * A shopper's orders. Checkout places and pays in one request under an `Idempotency-Key`; who
 * may see or change an order is the orders service's to decide (another's order is a 404).
 */
@ApiTags('orders')
@ApiBearerAuth(BEARER_SCHEME)
@Controller('orders')
export class OrdersController {
  constructor(private readonly services: ServiceClient) {}

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
  async place(
    @IdempotencyKey() idempotencyKey: string,
    @Body() body: PlaceOrderDto,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<OrderView> {
    const request: PlaceOrderRequest = { actor: actorOf(user), idempotencyKey, lines: body.lines, paymentToken: body.paymentToken };
    return unwrap(await this.services.send<OrderView, PlaceOrderRequest>(OrdersPatterns.place, request, correlationId));
  }

  @Get()
  @ApiOperation({ summary: 'My orders', description: 'Newest first, cursor-paginated.' })
  @ApiOkResponse({ type: OrderPageResponse })
  @ApiProblems(400, 401)
  async mine(
    @Query() query: OrderPageQuery,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<OrderPage> {
    const request: ListOrdersRequest = { actor: actorOf(user), limit: query.limit, cursor: query.cursor };
    return unwrap(await this.services.send<OrderPage, ListOrdersRequest>(OrdersPatterns.mine, request, correlationId));
  }

  @Get(':id')
  @ApiOperation({ summary: 'An order', description: "Your own; another shopper's order is a 404." })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblems(400, 401, 404)
  async get(
    @UuidParam('id') orderId: string,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<OrderView> {
    const request: GetOrderRequest = { actor: actorOf(user), orderId };
    return unwrap(await this.services.send<OrderView, GetOrderRequest>(OrdersPatterns.get, request, correlationId));
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel an order before fulfilment', description: 'Your own, or any as an operator; refunds what was paid.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblems(400, 401, 404, 409)
  cancel(@UuidParam('id') orderId: string, @CurrentUser() user: AccessTokenClaims, @CorrelationId() correlationId: string) {
    return this.transition(OrdersPatterns.cancel, { actor: actorOf(user), orderId }, correlationId);
  }

  @Post(':id/fulfil')
  @HttpCode(HttpStatus.OK)
  @Roles('merchant', 'operator')
  @ApiOperation({ summary: 'Fulfil a paid order', description: "The merchant of the order's listings, or an operator." })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  fulfil(@UuidParam('id') orderId: string, @CurrentUser() user: AccessTokenClaims, @CorrelationId() correlationId: string) {
    return this.transition(OrdersPatterns.fulfil, { actor: actorOf(user), orderId }, correlationId);
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
  async refund(
    @UuidParam('id') orderId: string,
    @Body() body: RefundOrderDto,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<OrderView> {
    const request: RefundOrderRequest = { actor: actorOf(user), orderId, lineIds: body.lineIds };
    return unwrap(await this.services.send<OrderView, RefundOrderRequest>(OrdersPatterns.refund, request, correlationId));
  }

  private async transition(pattern: string, request: OrderTransitionRequest, correlationId: string): Promise<OrderView> {
    return unwrap(await this.services.send<OrderView, OrderTransitionRequest>(pattern, request, correlationId));
  }
}
