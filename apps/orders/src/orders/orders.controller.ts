import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OrderPage, OrdersPatterns, OrderView, Reply, RequestMessage } from '@mogul/contracts';
import { answer, causeOf, failureFor, validBody } from '@mogul/messaging';
import { ListOrdersBody, OrderTransitionBody, PlaceOrderBody, RefundOrderBody } from './dto/bodies';
import { OrderQueries } from './order-queries.service';
import { OrderService } from './order.service';

/** Request–reply handlers for orders: validate, call one service method, answer with a view. */
@Controller()
export class OrdersController {
  constructor(
    private readonly orders: OrderService,
    private readonly queries: OrderQueries,
  ) {}

  /** Answers a stored reply when the key was used before, so the service returns a `Reply` itself. */
  @MessagePattern(OrdersPatterns.place)
  async place(@Payload() message: RequestMessage<unknown>): Promise<Reply<OrderView>> {
    let body: PlaceOrderBody;
    try {
      body = await validBody(PlaceOrderBody, message);
    } catch (error) {
      return failureFor(error);
    }
    return this.orders.place(body, causeOf(message));
  }

  @MessagePattern(OrdersPatterns.cancel)
  cancel(@Payload() message: RequestMessage<unknown>): Promise<Reply<OrderView>> {
    return answer(async () => {
      const { actor, orderId } = await validBody(OrderTransitionBody, message);
      return this.orders.cancel(actor, orderId, causeOf(message));
    });
  }

  @MessagePattern(OrdersPatterns.fulfil)
  fulfil(@Payload() message: RequestMessage<unknown>): Promise<Reply<OrderView>> {
    return answer(async () => {
      const { actor, orderId } = await validBody(OrderTransitionBody, message);
      return this.orders.fulfil(actor, orderId, causeOf(message));
    });
  }

  @MessagePattern(OrdersPatterns.refund)
  refund(@Payload() message: RequestMessage<unknown>): Promise<Reply<OrderView>> {
    return answer(async () => {
      const { actor, orderId, lineIds } = await validBody(RefundOrderBody, message);
      return this.orders.refund(actor, orderId, lineIds, causeOf(message));
    });
  }

  @MessagePattern(OrdersPatterns.get)
  get(@Payload() message: RequestMessage<unknown>): Promise<Reply<OrderView>> {
    return answer(async () => {
      const { actor, orderId } = await validBody(OrderTransitionBody, message);
      return this.queries.get(actor, orderId);
    });
  }

  @MessagePattern(OrdersPatterns.mine)
  mine(@Payload() message: RequestMessage<unknown>): Promise<Reply<OrderPage>> {
    return answer(async () => {
      const { actor, ...page } = await validBody(ListOrdersBody, message);
      return this.queries.mine(actor, page);
    });
  }

  @MessagePattern(OrdersPatterns.merchant)
  merchant(@Payload() message: RequestMessage<unknown>): Promise<Reply<OrderPage>> {
    return answer(async () => {
      const { actor, ...page } = await validBody(ListOrdersBody, message);
      return this.queries.forMerchant(actor, page);
    });
  }
}
