import { Module } from '@nestjs/common';
import { MerchantOrdersController } from './merchant-orders.controller';
import { OrdersController } from './orders.controller';

@Module({
  controllers: [OrdersController, MerchantOrdersController],
})
export class OrdersModule {}
