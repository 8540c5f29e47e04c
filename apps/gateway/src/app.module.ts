import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { IdentityPatterns } from '@mogul/contracts';
import { ServiceClientModule } from '@mogul/messaging';
import { HealthModule, LoggingModule, MetricsModule } from '@mogul/observability';
import { AuthModule } from './auth/auth.module';
import { GATEWAY_CONFIG, GatewayConfig } from './config';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { createValidationPipe } from './problem/validation';
import { ListingsModule, LISTINGS_FORWARDED_PATTERNS } from './listings/listings.module';
import { OrdersModule, ORDERS_FORWARDED_PATTERNS } from './orders/orders.module';
import { PayoutsModule, PAYOUTS_FORWARDED_PATTERNS } from './payouts/payouts.module';
import { ProductsModule, PRODUCTS_FORWARDED_PATTERNS } from './products/products.module';
import { UsersModule } from './users/users.module';

/** Every request–reply pattern the gateway forwards to; their reply topics are subscribed at start. */
export const FORWARDED_PATTERNS: string[] = [
  ...Object.values(IdentityPatterns),
  ...LISTINGS_FORWARDED_PATTERNS,
  ...PRODUCTS_FORWARDED_PATTERNS,
  ...ORDERS_FORWARDED_PATTERNS,
  ...PAYOUTS_FORWARDED_PATTERNS,
];

/**
 * The gateway: authentication, validation and rate limits in front of the services, which it
 * reaches over Kafka request–reply. It keeps no state of its own.
 */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggingModule.forRoot({ service: 'gateway', level: config.LOG_LEVEL }),
        HealthModule.forRoot({ kafkaBrokers: config.kafkaBrokers(), database: false }),
        MetricsModule.forRoot({ service: 'gateway' }),
        {
          ...ServiceClientModule.register({
            clientId: config.KAFKA_CLIENT_ID,
            brokers: config.kafkaBrokers(),
            patterns: FORWARDED_PATTERNS,
            timeoutMs: config.REQUEST_TIMEOUT_MS,
            // The client creates missing request and reply topics, so the gateway starts (and
            // answers 503/504) before the services that own the patterns ever ran.
            partitions: config.KAFKA_PARTITIONS,
          }),
          global: true,
        },
        AuthModule.forRoot(config),
        UsersModule,
        ListingsModule,
        ProductsModule,
        OrdersModule,
        PayoutsModule,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [GATEWAY_CONFIG],
    };
  }
}
