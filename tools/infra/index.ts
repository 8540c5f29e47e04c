import { brokerAddress, kafkaStatus, startKafka, stopKafka } from './kafka';
import { ensurePostgres, PostgresOptions } from './postgres';
import { InfraSettings, infraSettings } from './settings';

export { InfraError, kafkaRoundTrip } from './kafka';
export { STATEMENT_STATISTICS } from './postgres';
export { infraSettings, adminDatabaseUrl } from './settings';

export interface InfraHandle {
  settings: InfraSettings;
  brokers: string;
  /** True when this call started the broker, so the caller should stop it. */
  startedKafka: boolean;
}

export async function infraUp(
  log: (line: string) => void = console.log,
  settings = infraSettings(),
  postgres: PostgresOptions = {},
): Promise<InfraHandle> {
  await ensurePostgres(settings, log, postgres);
  const startedKafka = await startKafka(settings, log);
  return { settings, brokers: brokerAddress(settings), startedKafka };
}

export async function infraDown(log: (line: string) => void = console.log, settings = infraSettings()): Promise<void> {
  await stopKafka(settings, log);
}

export async function infraStatus(settings = infraSettings()): Promise<string> {
  const kafka = await kafkaStatus(settings);
  const who = kafka.ours ? `started by this project, pid ${kafka.pid}` : 'not started by this project';
  return `Kafka ${brokerAddress(settings)}: ${kafka.running ? `up (${who})` : 'down'}`;
}
