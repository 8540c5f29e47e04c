import { Controller, Get, Query } from '@nestjs/common';
import { OrderPage } from '@mogul/contracts';
import { Actor, CurrentActor, INTERNAL_API_PREFIX, RequireRoles } from '@mogul/http';
import { OrderPageQuery } from './dto/order-requests';
import { OrderQueries } from './order-queries.service';

/** The signed-in merchant's view of orders: those with lines of their listings, only those lines. */
@Controller(`${INTERNAL_API_PREFIX}/merchant/orders`)
export class MerchantOrdersController {
  constructor(private readonly queries: OrderQueries) {}

  @Get()
  @RequireRoles('merchant')
  list(@CurrentActor() actor: Actor, @Query() page: OrderPageQuery): Promise<OrderPage> {
    return this.queries.forMerchant(actor, page);
  }
}
