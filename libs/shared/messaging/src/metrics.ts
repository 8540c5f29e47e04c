import { counter, GaugeSample, sampledGauge } from '@mogul/observability';
import { Admin, Kafka } from 'kafkajs';
import { KAFKA_RETRY } from './kafka';

/**
 * The Prometheus metrics of the messaging library, the same in every service. Each is created in
 * the process registry on first use, so a service that never consumes has no consumer series.
 */
export const messagingMetrics = {
  deadLetters: () =>
    counter('dead_letters_total', 'Messages sent to a dead-letter topic, by the topic they came from and why', ['topic', 'reason']),
  eventsConsumed: () =>
    counter('events_consumed_total', 'Events consumed, by consumer group, topic and outcome (handled, duplicate, skipped)', [
      'group',
      'topic',
      'outcome',
    ]),
  consumerLag: () =>
    sampledGauge(
      'kafka_consumer_lag',
      'Messages of a partition behind the consumer group: high watermark minus committed offset, read at each scrape',
      ['group', 'topic', 'partition'],
    ),
  outboxBacklog: () =>
    sampledGauge('outbox_backlog', 'Outbox rows committed but not yet published to Kafka, read at each scrape', ['service']),
};

/**
 * Reads a consumer group's lag from the broker: per partition, the high watermark minus the
 * committed offset (or minus the low watermark while nothing is committed). Committed offsets
 * are what a restart resumes from, so this is also what a crash would replay.
 */
export class ConsumerLagReader {
  private admin?: Promise<Admin>;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly topics: string[],
  ) {}

  async read(): Promise<GaugeSample[]> {
    const admin = await this.connected();
    const samples: GaugeSample[] = [];
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId: this.groupId, topics: this.topics })) {
      const committed = new Map(partitions.map((p) => [p.partition, BigInt(p.offset)]));
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        const from = committed.get(partition) ?? -1n;
        const lag = BigInt(high) - (from < 0n ? BigInt(low) : from);
        samples.push({ labels: { group: this.groupId, topic, partition }, value: Number(lag < 0n ? 0n : lag) });
      }
    }
    return samples;
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((connected) => connected.disconnect()).catch(() => undefined);
  }

  /** One admin connection, opened at the first read and opened again after a failed one. */
  private connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin({ retry: { ...KAFKA_RETRY, retries: 1 } });
      const connecting = admin.connect().then(() => admin);
      connecting.catch(() => {
        if (this.admin === connecting) this.admin = undefined;
      });
      this.admin = connecting;
    }
    return this.admin;
  }
}
