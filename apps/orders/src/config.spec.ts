import { ConfigError, loadConfig } from '@mogul/observability';
import { OrdersConfig } from './config';

const JWT_SECRET = 'a-secret-for-config-specs-that-is-over-32-characters';

describe('OrdersConfig', () => {
  it('has working defaults', () => {
    expect(loadConfig(OrdersConfig, { JWT_SECRET })).toMatchObject({
      HTTP_PORT: 3004,
      KAFKA_GROUP_ID: 'orders',
      PAYMENT_PROVIDER: 'simulator',
      PAYMENT_ATTEMPTS: 3,
      IDEMPOTENCY_KEY_TTL_HOURS: 48,
      MIGRATIONS_RUN: true,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/mogul_orders',
    });
  });

  it('keeps idempotency keys at least a day and knows only the simulator', () => {
    expect(() => loadConfig(OrdersConfig, { JWT_SECRET, IDEMPOTENCY_KEY_TTL_HOURS: '12' })).toThrow(/IDEMPOTENCY_KEY_TTL_HOURS/);
    expect(() => loadConfig(OrdersConfig, { JWT_SECRET, PAYMENT_PROVIDER: 'stripe' })).toThrow(ConfigError);
  });
});
