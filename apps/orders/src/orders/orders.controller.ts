import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { Causation, OrderPage, OrderView } from '@mogul/contracts';
import { Actor, Cause, CurrentActor, INTERNAL_API_PREFIX, RequireRoles } from '@mogul/http';
import { IdempotencyKey } from './dto/idempotency-key.header';
import { OrderIdParams, OrderPageQuery, PlaceOrderBody, RefundOrderBody } from './dto/order-requests';
import { OrderQueries } from './order-queries.service';
import { OrderService } from './order.service';

/**
 * Orders' internal API, shaped like the public one: parse, call one service method, answer the
 * view. Who may see or change an order is the services' to decide (another's order is a 404);
 * the roles mirror the gateway's so that orders is as closed as the public route.
 */
@Controller(`${INTERNAL_API_PREFIX}/orders`)
export class OrdersController {
  constructor(
    private readonly orders: OrderService,
    private readonly queries: OrderQueries,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  place(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() idempotencyKey: string,
    @Body() body: PlaceOrderBody,
    @Cause() cause: Causation,
  ): Promise<OrderView> {
    return this.orders.place({ actor, idempotencyKey, lines: body.lines, paymentToken: body.paymentToken }, cause);
  }

  @Get()
  mine(@CurrentActor() actor: Actor, @Query() page: OrderPageQuery): Promise<OrderPage> {
    return this.queries.mine(actor, page);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param() { id }: OrderIdParams): Promise<OrderView> {
    return this.queries.get(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  cancel(@CurrentActor() actor: Actor, @Param() { id }: OrderIdParams, @Cause() cause: Causation): Promise<OrderView> {
    return this.orders.cancel(actor, id, cause);
  }

  @Post(':id/fulfil')
  @HttpCode(HttpStatus.OK)
  @RequireRoles('merchant', 'operator')
  fulfil(@CurrentActor() actor: Actor, @Param() { id }: OrderIdParams, @Cause() cause: Causation): Promise<OrderView> {
    return this.orders.fulfil(actor, id, cause);
  }

  @Post(':id/refund')
  @HttpCode(HttpStatus.OK)
  @RequireRoles('operator')
  refund(
    @CurrentActor() actor: Actor,
    @Param() { id }: OrderIdParams,
    @Body() body: RefundOrderBody,
    @Cause() cause: Causation,
  ): Promise<OrderView> {
    return this.orders.refund(actor, id, body.lineIds, cause);
  }
}
