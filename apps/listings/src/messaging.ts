import { Provider } from '@nestjs/common';
import { CustomStrategy } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IDENTITY_USER_TOPIC, LISTINGS_LISTING_TOPIC } from '@mogul/contracts';
import { createKafka, KafkaEventsTransport, MessagingLifecycle, OutboxRelay, serviceMessagingLogger } from '@mogul/messaging';
import { DataSource } from 'typeorm';
import { ListingsConfig } from './config';

/** The listings service publishes its outbox on `listings.listing`, from application bootstrap until shutdown. */
export function listingsOutbox(config: ListingsConfig): Provider {
  return {
    provide: MessagingLifecycle,
    inject: [DataSource],
    useFactory: (dataSource: DataSource) => {
      const logger = serviceMessagingLogger();
      const kafka = createKafka({ clientId: 'listings', brokers: config.kafkaBrokers(), logger });
      return new MessagingLifecycle({
        kafka,
        logger,
        topics: [LISTINGS_LISTING_TOPIC],
        partitions: config.KAFKA_PARTITIONS,
        relay: new OutboxRelay({ dataSource, kafka, logger }),
      });
    },
  };
}

/** Serves the `@EventPattern` handlers (`IdentityUserHandlers`) from `identity.user`. */
export function listingsEvents(config: ListingsConfig): (app: NestFastifyApplication) => CustomStrategy {
  return (app) => {
    const logger = serviceMessagingLogger();
    return {
      strategy: new KafkaEventsTransport({
        kafka: createKafka({ clientId: 'listings', brokers: config.kafkaBrokers(), logger }),
        dataSource: app.get(DataSource),
        logger,
        groupId: config.identityUserGroupId(),
        consumerName: 'listings.identity-user',
        topics: [IDENTITY_USER_TOPIC],
        partitions: config.KAFKA_PARTITIONS,
      }),
    };
  };
}
