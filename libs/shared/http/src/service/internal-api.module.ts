import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { UndeclaredInputInterceptor } from '../input/undeclared-input.interceptor';
import { AccessTokenOptions, CallerTokens } from '../caller/access-tokens';
import { InternalAuthGuard } from './internal-auth.guard';
import { ServiceProblemFilter } from './service-problem.filter';
import { serviceValidationPipe } from './validation-pipe';

/**
 * What every service's internal HTTP API shares: the caller's credentials checked on every
 * /internal/v1 route, bodies and queries validated (fields a handler does not read refused), failures answered as problem details.
 */
@Module({})
export class InternalApiModule {
  static forRoot(tokens: AccessTokenOptions): DynamicModule {
    return {
      module: InternalApiModule,
      providers: [
        { provide: CallerTokens, useValue: new CallerTokens(tokens) },
        { provide: APP_GUARD, useClass: InternalAuthGuard },
        { provide: APP_FILTER, useClass: ServiceProblemFilter },
        { provide: APP_PIPE, useFactory: serviceValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: UndeclaredInputInterceptor },
      ],
    };
  }
}
