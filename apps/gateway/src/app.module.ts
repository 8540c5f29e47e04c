import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { UndeclaredInputGuard } from '@mogul/http';
import { HealthModule, LoggingModule, MetricsModule } from '@mogul/observability';
import { AccessTokenGuard } from './auth/access-token.guard';
import { AuthModule } from './auth/auth.module';
import { RolesGuard } from './auth/roles.guard';
import { CharitiesModule } from './charities/charities.module';
import { GATEWAY_CONFIG, GatewayConfig } from './config';
import { ProblemDetailsFilter } from './problem/problem-details.filter';
import { createValidationPipe } from './problem/validation';
import { ListingsModule } from './listings/listings.module';
import { OrdersModule } from './orders/orders.module';
import { PayoutsModule } from './payouts/payouts.module';
import { PrizesModule } from './prizes/prizes.module';
import { ProductsModule } from './products/products.module';
import { ServicesModule } from './services/services.module';
import { UsersModule } from './users/users.module';

/**
 * The gateway: authentication, validation and rate limits in front of the services, which it
 * calls over HTTP on their internal APIs. It keeps no state of its own and needs no broker.
 */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggingModule.forRoot({ service: 'gateway', level: config.LOG_LEVEL }),
        HealthModule.forRoot({ database: false }),
        MetricsModule.forRoot({ service: 'gateway', onHttpPort: false }),
        ServicesModule,
        AuthModule.forRoot(config),
        UsersModule,
        ListingsModule,
        ProductsModule,
        OrdersModule,
        PayoutsModule,
        PrizesModule,
        CharitiesModule,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        // Global guards run in the order they are provided: the access token (every route unless
        // @Public), then the roles, then the input the handler declares.
        { provide: APP_GUARD, useClass: AccessTokenGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_GUARD, useClass: UndeclaredInputGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [GATEWAY_CONFIG],
    };
  }
}
