import { Transform, Type } from 'class-transformer';
import { ServiceConfig } from '@mogul/observability';
import { IsBoolean, IsInt, IsNotEmpty, IsString, IsUrl, Max, Min } from 'class-validator';

/**
 * The gateway's configuration, read once at start-up with `loadConfig(GatewayConfig)`. Property
 * names are the environment variables; initialisers are the defaults.
 */
export class GatewayConfig extends ServiceConfig {
  override HTTP_PORT = 3000;

  /**
   * Prometheus metrics are served on a port of their own, never on the public one; on the loopback
   * interface unless the deployment lets its Prometheus in (Kubernetes: `0.0.0.0`).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 9464;

  @IsString()
  @IsNotEmpty()
  METRICS_HOST = '127.0.0.1';

  /** The built web app (`npm run build:web`), served at `/`; relative to the working directory. */
  @IsString()
  @IsNotEmpty()
  WEB_APP_DIR = 'dist/web';

  /** Where each service's internal API answers (`/internal/v1/...`); only the gateway may reach it. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  IDENTITY_URL = 'http://127.0.0.1:3001';

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  LISTINGS_URL = 'http://127.0.0.1:3002';

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PRODUCTS_URL = 'http://127.0.0.1:3003';

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  ORDERS_URL = 'http://127.0.0.1:3004';

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PAYOUTS_URL = 'http://127.0.0.1:3005';

  /** Keep-alive connections the gateway holds open to each service. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1024)
  SERVICE_CONNECTIONS = 64;

  /** How long the gateway waits for a service's answer before answering 504. A write is never retried. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(120000)
  REQUEST_TIMEOUT_MS = 5000;

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 100 * 1024;

  /** Requests per minute per client IP on each /auth endpoint. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT = 20;

  /**
   * Behind a load balancer or ingress the client IP is in X-Forwarded-For; without trusting it
   * every client would share the proxy's address and one rate-limit budget.
   */
  @Transform(({ value }) => (typeof value === 'string' ? ['true', '1', 'yes'].includes(value.toLowerCase()) : value))
  @IsBoolean()
  TRUST_PROXY = false;
}

/** Injection token of the gateway's `GatewayConfig`. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
