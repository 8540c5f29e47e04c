import { Provider } from '@nestjs/common';
import { IDENTITY_USER_TOPIC, LISTINGS_LISTING_TOPIC } from '@mogul/contracts';
import { createKafka, IdempotentConsumer, MessagingLifecycle, OutboxRelay, pinoMessagingLogger } from '@mogul/messaging';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { ListingsConfig } from './config';
import { identityUserHandlers } from './users/identity-user.handlers';
import { UserDirectory } from './users/user-directory';

/**
 * The listings service publishes its outbox on `listings.listing` and keeps its projection of
 * users from `identity.user`; both run from application bootstrap until shutdown.
 */
export function listingsMessaging(config: ListingsConfig): Provider {
  return {
    provide: MessagingLifecycle,
    inject: [DataSource, PinoLogger, UserDirectory],
    useFactory: (dataSource: DataSource, pino: PinoLogger, users: UserDirectory) => {
      pino.setContext('Messaging');
      const logger = pinoMessagingLogger(pino);
      const kafka = createKafka({ clientId: 'listings', brokers: config.kafkaBrokers(), logger });
      const identityUsers = new IdempotentConsumer({
        kafka,
        dataSource,
        logger,
        groupId: config.identityUserGroupId(),
        consumerName: 'listings.identity-user',
        topics: [IDENTITY_USER_TOPIC],
        handlers: identityUserHandlers(users),
        partitions: config.KAFKA_PARTITIONS,
      });
      return new MessagingLifecycle({
        kafka,
        topics: [LISTINGS_LISTING_TOPIC],
        partitions: config.KAFKA_PARTITIONS,
        relay: new OutboxRelay({ dataSource, kafka, logger }),
        consumers: [identityUsers],
      });
    },
  };
}
