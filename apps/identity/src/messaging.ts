import { Provider } from '@nestjs/common';
import { IDENTITY_USER_TOPIC } from '@mogul/contracts';
import { createKafka, MessagingLifecycle, OutboxRelay, serviceMessagingLogger } from '@mogul/messaging';
import { DataSource } from 'typeorm';
import { IdentityConfig } from './config';

/**
 * Identity publishes its outbox on `identity.user` and consumes no events: the lifecycle runs
 * only the relay, from application bootstrap until shutdown (before the database connection closes).
 */
export function identityOutbox(config: IdentityConfig): Provider {
  return {
    provide: MessagingLifecycle,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => {
      const logger = serviceMessagingLogger();
      const kafka = createKafka({ clientId: 'identity', brokers: config.kafkaBrokers(), logger });
      return new MessagingLifecycle({
        kafka,
        logger,
        topics: [IDENTITY_USER_TOPIC],
        partitions: config.KAFKA_PARTITIONS,
        relay: new OutboxRelay({ dataSource, kafka, logger }),
      });
    },
  };
}
