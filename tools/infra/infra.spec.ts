import { join } from 'node:path';
import { kafkaVersion } from './kafka';
import { adminDatabaseUrl, infraSettings } from './settings';

describe('infra settings', () => {
  it('defaults to the local PostgreSQL and broker ports', () => {
    const s = infraSettings({});
    expect(s.kafkaPort).toBe(9092);
    expect(s.controllerPort).toBe(9093);
    expect(s.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/postgres');
    expect(s.databases).toContain('mogul_identity');
  });

  it('reads DATABASE_URL and points at the maintenance database', () => {
    expect(adminDatabaseUrl({ DATABASE_URL: 'postgres://u:p@db:6543/app' })).toBe('postgres://u:p@db:6543/postgres');
  });

  it('names a bad port variable', () => {
    expect(() => infraSettings({ KAFKA_PORT: 'ninety' })).toThrow(/KAFKA_PORT/);
  });

  it('fetches Kafka 4, the version pom.xml names', () => {
    expect(kafkaVersion(join(__dirname, '..', '..'))).toMatch(/^4\.\d+\.\d+$/);
  });
});
