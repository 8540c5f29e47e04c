import { Kafka, Producer, ProducerConfig } from 'kafkajs';
import { producerConfig } from './kafka';

/**
 * A producer connected on first use and replaced after a failed send. kafkajs keeps an
 * idempotent producer's sequence numbers across a failure, and after a broker restart the
 * broker can then refuse every later batch as out of order; a fresh producer gets a fresh
 * producer id and starts clean.
 */
export class ReplaceableProducer {
  private current?: Promise<Producer>;

  constructor(
    private readonly kafka: Kafka,
    private readonly config: ProducerConfig = producerConfig(),
  ) {}

  /** The connected producer; connects one if there is none. */
  get(): Promise<Producer> {
    if (!this.current) {
      const producer = this.kafka.producer(this.config);
      const connecting = producer.connect().then(() => producer);
      connecting.catch(() => {
        if (this.current === connecting) this.current = undefined;
      });
      this.current = connecting;
    }
    return this.current;
  }

  /** Drops the producer after a failure; the next `get()` connects a new one. */
  async replace(): Promise<void> {
    const previous = this.current;
    this.current = undefined;
    await previous?.then((producer) => producer.disconnect()).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.replace();
  }
}
