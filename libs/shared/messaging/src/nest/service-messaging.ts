import type { INestApplicationContext, Provider } from '@nestjs/common';
import type { CustomStrategy } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { createKafka } from '../kafka';
import { serviceMessagingLogger } from '../logger';
import { OutboxRelay } from '../outbox/outbox-relay';
import { KafkaEventsOptions, KafkaEventsTransport } from './kafka-events.transport';
import { MessagingLifecycle } from './messaging-lifecycle';

export interface ServiceBroker {
  /** The service's name: its Kafka client id. */
  clientId: string;
  brokers: string[];
  /** Partitions of the topics it creates. */
  partitions: number;
}

/**
 * The provider of a service's outbox: `MessagingLifecycle` creates the topics it publishes to and
 * runs its relay from application bootstrap until shutdown, over the service's DataSource.
 */
export function serviceOutbox(broker: ServiceBroker & { topics: string[]; sentRetentionSeconds: number }): Provider {
  return {
    provide: MessagingLifecycle,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => {
      const logger = serviceMessagingLogger();
      const kafka = createKafka({ clientId: broker.clientId, brokers: broker.brokers, logger });
      return new MessagingLifecycle({
        kafka,
        logger,
        topics: broker.topics,
        partitions: broker.partitions,
        relay: new OutboxRelay({ dataSource, kafka, logger, sentRetentionMs: broker.sentRetentionSeconds * 1000 }),
      });
    },
  };
}

export type ServiceEventsOptions = ServiceBroker & Omit<KafkaEventsOptions, 'kafka' | 'dataSource' | 'logger' | 'partitions'>;

/**
 * The transport of a service's `@EventPattern` handlers, for `startServiceApp`'s `events`: made
 * once the application (and its DataSource) exists.
 */
export function serviceEvents(options: ServiceEventsOptions): (app: INestApplicationContext) => CustomStrategy {
  return (app) => {
    const { clientId, brokers, ...consumer } = options;
    const logger = serviceMessagingLogger();
    return {
      strategy: new KafkaEventsTransport({
        ...consumer,
        kafka: createKafka({ clientId, brokers, logger }),
        dataSource: app.get(DataSource),
        logger,
      }),
    };
  };
}
