import { infraUp } from '../infra';

/** Brings up PostgreSQL and the Kafka broker for integration specs; stops only what it started. */
export default async function globalSetup(): Promise<void> {
  const handle = await infraUp((line) => process.stderr.write(`[infra] ${line}\n`));
  process.env.KAFKA_BROKERS = handle.brokers;
  process.env.MOGUL_TEST_STARTED_KAFKA = handle.startedKafka ? '1' : '';
}
