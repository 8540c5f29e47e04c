import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { UndeclaredInputGuard } from '../input/undeclared-input.guard';
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
        // Global guards run in the order they are provided: credentials first, then the input.
        { provide: APP_GUARD, useClass: InternalAuthGuard },
        { provide: APP_GUARD, useClass: UndeclaredInputGuard },
        { provide: APP_FILTER, useClass: ServiceProblemFilter },
        { provide: APP_PIPE, useFactory: serviceValidationPipe },
      ],
    };
  }
}
