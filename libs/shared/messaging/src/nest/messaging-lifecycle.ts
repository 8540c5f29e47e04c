import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { IdempotentConsumer } from '../inbox/idempotent-consumer';
import { ensureTopics } from '../kafka';
import { OutboxRelay } from '../outbox/outbox-relay';

export interface MessagingLifecycleOptions {
  kafka: Kafka;
  /** Topics the service publishes: created, with their dead-letter topics, before anything starts. */
  topics?: string[];
  partitions?: number;
  relay?: OutboxRelay;
  consumers?: IdempotentConsumer[];
}

/**
 * Ties a service's relay and consumers to the Nest application's life: started once the
 * application has bootstrapped, stopped on shutdown (enable shutdown hooks in `main.ts`).
 * Provide it with a factory, for example
 * `{ provide: MessagingLifecycle, inject: [DataSource, Kafka], useFactory: (ds, kafka) => new MessagingLifecycle({...}) }`.
 */
export class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly options: MessagingLifecycleOptions) {}

  async onApplicationBootstrap(): Promise<void> {
    const { kafka, topics = [], partitions, relay, consumers = [] } = this.options;
    if (topics.length > 0) await ensureTopics(kafka, topics, { partitions });
    await relay?.start();
    await Promise.all(consumers.map((consumer) => consumer.start()));
  }

  /** Consumers first: the relay keeps publishing while their last messages finish. */
  async onApplicationShutdown(): Promise<void> {
    const { relay, consumers = [] } = this.options;
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await relay?.stop();
  }
}
