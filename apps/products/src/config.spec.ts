import { ConfigError, loadConfig } from '@mogul/observability';
import { ProductsConfig } from './config';

/** The one setting without a default. */
const JWT = { JWT_SECRET: 'a-secret-for-the-config-spec-that-is-over-32-characters' };

describe('ProductsConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig(ProductsConfig, JWT);
    expect(config).toMatchObject({
      HTTP_PORT: 3003,
      KAFKA_GROUP_ID: 'products',
      PARENT_ROYALTY_SHARE_BPS: 2000,
      FLAG_HIDE_THRESHOLD: 5,
      MIGRATIONS_RUN: true,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/mogul_products',
    });
  });

  it('needs the access tokens’ secret, to check its callers', () => {
    expect(() => loadConfig(ProductsConfig, {})).toThrow(/JWT_SECRET/);
  });

  it('reads the parent share in basis points and refuses anything beyond 100 %', () => {
    expect(loadConfig(ProductsConfig, { ...JWT, PARENT_ROYALTY_SHARE_BPS: '2500' }).PARENT_ROYALTY_SHARE_BPS).toBe(2500);
    expect(() => loadConfig(ProductsConfig, { ...JWT, PARENT_ROYALTY_SHARE_BPS: '10001' })).toThrow(ConfigError);
    expect(() => loadConfig(ProductsConfig, { ...JWT, PARENT_ROYALTY_SHARE_BPS: '12.5' })).toThrow(/PARENT_ROYALTY_SHARE_BPS/);
  });

  it('reads the flag threshold as a whole number of at least 1', () => {
    expect(loadConfig(ProductsConfig, { ...JWT, FLAG_HIDE_THRESHOLD: '2' }).FLAG_HIDE_THRESHOLD).toBe(2);
    expect(() => loadConfig(ProductsConfig, { ...JWT, FLAG_HIDE_THRESHOLD: '0' })).toThrow(/FLAG_HIDE_THRESHOLD/);
    expect(() => loadConfig(ProductsConfig, { ...JWT, FLAG_HIDE_THRESHOLD: 'many' })).toThrow(/FLAG_HIDE_THRESHOLD/);
  });
});
