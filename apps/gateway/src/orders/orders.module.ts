import { Module } from '@nestjs/common';
import { OrdersPatterns } from '@mogul/contracts';
import { MerchantOrdersController } from './merchant-orders.controller';
import { OrdersController } from './orders.controller';

/** Request–reply patterns of the orders service that the gateway forwards. */
export const ORDERS_FORWARDED_PATTERNS: string[] = Object.values(OrdersPatterns);

@Module({
  controllers: [OrdersController, MerchantOrdersController],
})
export class OrdersModule {}
