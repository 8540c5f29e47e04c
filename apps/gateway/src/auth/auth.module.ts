import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { GatewayConfig } from '../config';
import { AccessTokenVerifier } from './access-token.verifier';
import { AuthController } from './auth.controller';
import { OptionalViewerGuard } from './optional-viewer.guard';

/** One minute: AUTH_RATE_LIMIT is requests per minute. */
const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Authentication: the token verifier, used by the access-token guard that `AppModule` runs on
 * every route and by public routes' `OptionalViewerGuard`, and the /auth endpoints. The rate
 * limiter counts per client address and per endpoint in this process; with several replicas the
 * effective limit is per replica.
 */
@Module({})
export class AuthModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AuthModule,
      // Feature modules use the verifier through `OptionalViewerGuard` on public routes.
      global: true,
      // The unnamed throttler sets a plain `Retry-After` header (named ones add a suffix).
      imports: [ThrottlerModule.forRoot([{ ttl: RATE_LIMIT_WINDOW_MS, limit: config.AUTH_RATE_LIMIT }])],
      controllers: [AuthController],
      providers: [AccessTokenVerifier, OptionalViewerGuard],
      exports: [AccessTokenVerifier, OptionalViewerGuard],
    };
  }
}
