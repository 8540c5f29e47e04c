import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InternalApiModule } from '@mogul/http';
import { HealthModule, LoggingModule, MetricsModule } from '@mogul/observability';
import { OrdersConfig } from './config';
import { ordersDataSourceOptions } from './database';
import { IdempotencyKeys } from './idempotency/idempotency-keys.service';
import { IdempotentCommands } from './idempotency/idempotent-commands.service';
import { CheckoutStore } from './orders/checkout-store';
import { ordersOutbox } from './messaging';
import { MerchantOrdersController } from './orders/merchant-orders.controller';
import { OrderQueries } from './orders/order-queries.service';
import { OrderService } from './orders/order.service';
import { OrdersController } from './orders/orders.controller';
import { PaymentProvider } from './payments/payment-provider';
import { SimulatedPaymentProvider } from './payments/simulated-payment-provider';
import { ProductEventsHandler } from './products/product-events.handler';
import { ProductProjection } from './products/product-projection.service';

@Module({})
export class AppModule {
  static forRoot(config: OrdersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: 'orders', level: config.LOG_LEVEL }),
        TypeOrmModule.forRoot({ ...ordersDataSourceOptions(config), retryAttempts: 3 }),
        HealthModule.forRoot({ kafkaBrokers: config.kafkaBrokers(), database: true }),
        MetricsModule.forRoot({ service: 'orders' }),
        InternalApiModule.forRoot(config.accessTokens()),
      ],
      controllers: [OrdersController, MerchantOrdersController, ProductEventsHandler],
      providers: [
        { provide: OrdersConfig, useValue: config },
        // PAYMENT_PROVIDER has one value so far; a real provider is another class behind the same token.
        { provide: PaymentProvider, useClass: SimulatedPaymentProvider },
        IdempotencyKeys,
        IdempotentCommands,
        CheckoutStore,
        OrderService,
        OrderQueries,
        ProductProjection,
        ordersOutbox(config),
      ],
    };
  }
}
