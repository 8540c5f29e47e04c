import { ConfigError, loadConfig } from '@mogul/observability';
import { ProductsConfig } from './config';

describe('ProductsConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig(ProductsConfig, {});
    expect(config).toMatchObject({
      HTTP_PORT: 3003,
      KAFKA_GROUP_ID: 'products',
      PARENT_ROYALTY_SHARE_BPS: 2000,
      MIGRATIONS_RUN: true,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/mogul_products',
    });
  });

  it('reads the parent share in basis points and refuses anything beyond 100 %', () => {
    expect(loadConfig(ProductsConfig, { PARENT_ROYALTY_SHARE_BPS: '2500' }).PARENT_ROYALTY_SHARE_BPS).toBe(2500);
    expect(() => loadConfig(ProductsConfig, { PARENT_ROYALTY_SHARE_BPS: '10001' })).toThrow(ConfigError);
    expect(() => loadConfig(ProductsConfig, { PARENT_ROYALTY_SHARE_BPS: '12.5' })).toThrow(/PARENT_ROYALTY_SHARE_BPS/);
  });
});
