import { Transform, Type } from 'class-transformer';
import { ServiceConfig } from '@mogul/observability';
import { IsBoolean, IsInt, IsNotEmpty, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/**
 * The gateway's configuration, read once at start-up with `loadConfig(GatewayConfig)`. Property
 * names are the environment variables; initialisers are the defaults.
 */
export class GatewayConfig extends ServiceConfig {
  override HTTP_PORT = 3000;

  /**
   * Client id and consumer group of the reply consumer. Replicas share it: each reply goes to the
   * partition its requester owns.
   */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/)
  KAFKA_CLIENT_ID = 'gateway';

  /** How long the gateway waits for a service's reply before answering 504. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(120000)
  REQUEST_TIMEOUT_MS = 5000;

  /** Shared with identity, which signs the access tokens (HS256). */
  @IsString()
  @MinLength(32)
  JWT_SECRET!: string;

  @IsString()
  @IsNotEmpty()
  JWT_ISSUER = 'mogul';

  @IsString()
  @IsNotEmpty()
  JWT_AUDIENCE = 'mogul-api';

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
