import { ConfigError, loadConfig } from '@mogul/observability';
import { GatewayConfig } from './config';

const SECRET = 'a-secret-that-is-at-least-32-characters-long';

describe('GatewayConfig', () => {
  it('has defaults for everything but the JWT secret', () => {
    const config = loadConfig(GatewayConfig, { JWT_SECRET: SECRET });
    expect(config).toMatchObject({
      HTTP_PORT: 3000,
      KAFKA_BROKERS: '127.0.0.1:9092',
      REQUEST_TIMEOUT_MS: 5000,
      JWT_ISSUER: 'mogul',
      JWT_AUDIENCE: 'mogul-api',
      BODY_LIMIT_BYTES: 102400,
      AUTH_RATE_LIMIT: 20,
      TRUST_PROXY: false,
      LOG_LEVEL: 'info',
    });
  });

  it('reads numbers, booleans and broker lists', () => {
    const config = loadConfig(GatewayConfig, {
      JWT_SECRET: SECRET,
      HTTP_PORT: '0',
      AUTH_RATE_LIMIT: '3',
      TRUST_PROXY: 'true',
      KAFKA_BROKERS: 'a:1,b:2',
    });
    expect(config.HTTP_PORT).toBe(0);
    expect(config.AUTH_RATE_LIMIT).toBe(3);
    expect(config.TRUST_PROXY).toBe(true);
    expect(config.kafkaBrokers()).toEqual(['a:1', 'b:2']);
  });

  it('requires a JWT secret of at least 32 characters', () => {
    expect(() => loadConfig(GatewayConfig, {})).toThrow(ConfigError);
    expect(() => loadConfig(GatewayConfig, { JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('names every bad variable', () => {
    expect(() => loadConfig(GatewayConfig, { JWT_SECRET: SECRET, REQUEST_TIMEOUT_MS: 'soon', LOG_LEVEL: 'loud' })).toThrow(
      /REQUEST_TIMEOUT_MS[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*REQUEST_TIMEOUT_MS/,
    );
  });
});
