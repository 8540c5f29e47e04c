import { ConfigError, loadConfig } from '@mogul/observability';
import { PayoutsConfig } from './config';

/** Every service must be given the secret its callers' tokens are signed with. */
const JWT = { JWT_SECRET: 'a-secret-for-config-specs-of-32-characters-or-more' };

describe('PayoutsConfig', () => {
  it('has working defaults', () => {
    expect(loadConfig(PayoutsConfig, JWT)).toMatchObject({
      HTTP_PORT: 3005,
      KAFKA_GROUP_ID: 'payouts',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/mogul_payouts',
      HOLD_PERIOD_SECONDS: 604_800,
      RELEASE_INTERVAL_MS: 60_000,
      PAYOUT_THRESHOLD_MINOR: 1000,
      PAYOUT_PROVIDER: 'simulator',
      PAYOUT_SIMULATOR_FAIL_CREATORS: '',
      MIGRATIONS_RUN: true,
    });
  });

  it('reads the creators the simulator fails, and refuses what is not a list of ids', () => {
    const id = '0b7c0f8e-6a43-4f5e-9d0a-3c1f7a2b9e11';
    const config = loadConfig(PayoutsConfig, {
      ...JWT,
      PAYOUT_SIMULATOR_FAIL_CREATORS: `${id.toUpperCase()},${id}`,
      HOLD_PERIOD_SECONDS: '1',
    });
    expect(config.simulatorFailingCreators()).toEqual([id, id]);
    expect(config.HOLD_PERIOD_SECONDS).toBe(1);
    expect(() => loadConfig(PayoutsConfig, { ...JWT, PAYOUT_SIMULATOR_FAIL_CREATORS: 'alice' })).toThrow(/PAYOUT_SIMULATOR_FAIL_CREATORS/);
    expect(() => loadConfig(PayoutsConfig, { ...JWT, PAYOUT_THRESHOLD_MINOR: '0' })).toThrow(ConfigError);
    expect(() => loadConfig(PayoutsConfig, { ...JWT, PAYOUT_PROVIDER: 'paypal' })).toThrow(ConfigError);
    expect(() => loadConfig(PayoutsConfig, {})).toThrow(/JWT_SECRET/);
  });
});
