import { ConfigError, loadConfig } from '@mogul/observability';
import { IdentityConfig } from './config';

const secret = 'x'.repeat(32);

function problems(env: Record<string, string>): string {
  try {
    loadConfig(IdentityConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('IdentityConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig(IdentityConfig, { JWT_SECRET: secret });
    expect(config).toMatchObject({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/mogul_identity',
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_PARTITIONS: 6,
      HTTP_PORT: 3001,
      JWT_ISSUER: 'mogul',
      JWT_AUDIENCE: 'mogul-api',
      JWT_ACCESS_TTL_SECONDS: 900,
      JWT_REFRESH_TTL_SECONDS: 2_592_000,
      ARGON2_MEMORY_KIB: 19456,
      ARGON2_TIME_COST: 2,
      ARGON2_PARALLELISM: 1,
      MIGRATIONS_RUN: true,
    });
    expect(config.FIRST_OPERATOR_EMAIL).toBeUndefined();
  });

  it('requires a JWT secret of at least 32 characters', () => {
    expect(problems({})).toMatch(/JWT_SECRET/);
    expect(problems({ JWT_SECRET: 'x'.repeat(31) })).toMatch(/JWT_SECRET must be at least 32 characters/);
  });

  it('refuses argon2 parameters below the OWASP minimum', () => {
    const message = problems({ JWT_SECRET: secret, ARGON2_MEMORY_KIB: '8192', ARGON2_TIME_COST: '1', ARGON2_PARALLELISM: '0' });
    expect(message).toMatch(/ARGON2_MEMORY_KIB/);
    expect(message).toMatch(/ARGON2_TIME_COST/);
    expect(message).toMatch(/ARGON2_PARALLELISM/);
    expect(loadConfig(IdentityConfig, { JWT_SECRET: secret, ARGON2_MEMORY_KIB: '65536' }).ARGON2_MEMORY_KIB).toBe(65536);
  });

  it('reads booleans and a first operator email', () => {
    const config = loadConfig(IdentityConfig, { JWT_SECRET: secret, MIGRATIONS_RUN: 'false', FIRST_OPERATOR_EMAIL: 'boss@mogul.local' });
    expect(config.MIGRATIONS_RUN).toBe(false);
    expect(config.FIRST_OPERATOR_EMAIL).toBe('boss@mogul.local');
    expect(problems({ JWT_SECRET: secret, FIRST_OPERATOR_EMAIL: 'not an email' })).toMatch(/FIRST_OPERATOR_EMAIL/);
  });
});
