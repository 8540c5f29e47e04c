import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { IdempotentConsumer } from '../inbox/idempotent-consumer';
import { ensureTopics } from '../kafka';
import { MessagingLogger, silentLogger } from '../logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { StartWhenBrokerAnswers } from './start-when-broker-answers';

export interface MessagingLifecycleOptions {
  kafka: Kafka;
  /** Topics the service publishes: created, with their dead-letter topics, before anything starts. */
  topics?: string[];
  partitions?: number;
  relay?: OutboxRelay;
  consumers?: IdempotentConsumer[];
  /** How long shutdown goes on publishing the outbox after the consumers stopped (default 10 s). */
  drainTimeoutMs?: number;
  logger?: MessagingLogger;
}

/**
 * Ties a service's relay and consumers to the Nest application's life: started once the
 * application has bootstrapped, stopped on shutdown (enable shutdown hooks in `main.ts`).
 * Provide it with a factory, for example
 * `{ provide: MessagingLifecycle, inject: [DataSource, Kafka], useFactory: (ds, kafka) => new MessagingLifecycle({...}) }`.
 */
export class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly starter: StartWhenBrokerAnswers;

  constructor(private readonly options: MessagingLifecycleOptions) {
    this.starter = new StartWhenBrokerAnswers('the outbox relay', () => this.start(), options.logger ?? silentLogger);
  }

  /** Starts at once when the broker answers; otherwise the service starts and this is retried. */
  async onApplicationBootstrap(): Promise<void> {
    await this.starter.begin();
  }

  private async start(): Promise<void> {
    const { kafka, topics = [], partitions, relay, consumers = [] } = this.options;
    if (topics.length > 0) await ensureTopics(kafka, topics, { partitions });
    await relay?.start();
    await Promise.all(consumers.map((consumer) => consumer.start()));
  }

  /**
   * Runs after Nest has closed HTTP and the request handlers (which finish the requests they
   * started) and before the database closes (see `startServiceApp`). Consumers first: they finish
   * the transaction in flight and commit their offsets while the relay keeps publishing; then,
   * as nothing writes to the outbox any more, the relay publishes what is left and stops.
   */
  async onApplicationShutdown(): Promise<void> {
    const { relay, consumers = [], drainTimeoutMs = 10_000 } = this.options;
    await this.starter.stop();
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await relay?.stop({ drainTimeoutMs });
  }
}
