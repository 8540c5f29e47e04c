import { Provider } from '@nestjs/common';
import {
  IDENTITY_USER_TOPIC,
  IdentityEvents,
  LISTINGS_LISTING_TOPIC,
  ListingEvents,
  ListingStateV1,
  ORDERS_ORDER_TOPIC,
  OrderEvents,
  OrderPaidV1,
  PRODUCTS_PRODUCT_TOPIC,
  UserRegisteredV1,
  UserRoleGrantedV1,
} from '@mogul/contracts';
import { createKafka, EventHandler, IdempotentConsumer, MessagingLifecycle, OutboxRelay, pinoMessagingLogger } from '@mogul/messaging';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { ProductsConfig } from './config';
import { ListingProjection } from './listings/listing-projection.service';
import { ProductSalesCounter } from './products/product-sales.service';
import { UserProjection } from './users/user-projection.service';

/** The inbox name of the event consumer: stable, whatever the consumer group is called. */
const EVENTS_CONSUMER = 'products.events';

/**
 * Products publishes `products.product` through its outbox and consumes the events its
 * projections and counters are made of: listings (terms and status), identity (creators' names)
 * and orders (sales). The lifecycle starts the relay and the consumer after bootstrap and stops
 * them on shutdown.
 */
export function productsMessaging(config: ProductsConfig): Provider {
  return {
    provide: MessagingLifecycle,
    inject: [DataSource, PinoLogger, ListingProjection, UserProjection, ProductSalesCounter],
    useFactory: (
      dataSource: DataSource,
      pino: PinoLogger,
      listings: ListingProjection,
      users: UserProjection,
      sales: ProductSalesCounter,
    ) => {
      pino.setContext('Messaging');
      const logger = pinoMessagingLogger(pino);
      const kafka = createKafka({ clientId: 'products', brokers: config.kafkaBrokers(), logger });

      const listingChanged: EventHandler = async (event, manager, context) => {
        await listings.apply(manager, event.payload as ListingStateV1, context.cause);
      };
      const consumer = new IdempotentConsumer({
        kafka,
        dataSource,
        logger,
        groupId: `${config.KAFKA_GROUP_ID}.events`,
        consumerName: EVENTS_CONSUMER,
        topics: [LISTINGS_LISTING_TOPIC, IDENTITY_USER_TOPIC, ORDERS_ORDER_TOPIC],
        partitions: config.KAFKA_PARTITIONS,
        // One partition's batch at a time: a batch of paid orders updates many designs' counters,
        // and two such batches side by side would lock the same rows in different orders.
        concurrency: 1,
        handlers: {
          ...Object.fromEntries(Object.values(ListingEvents).map(({ type }) => [type, listingChanged])),
          [IdentityEvents.userRegistered.type]: async (event, manager) => {
            const user = event.payload as UserRegisteredV1;
            await users.registered(manager, user, new Date(event.occurredAt));
          },
          [IdentityEvents.userRoleGranted.type]: async (event, manager) => {
            await users.rolesChanged(manager, event.payload as UserRoleGrantedV1, new Date(event.occurredAt));
          },
          [OrderEvents.paid.type]: async (event, manager) => {
            await sales.recordPaidOrder(manager, event.payload as OrderPaidV1);
          },
        },
      });
      return new MessagingLifecycle({
        kafka,
        topics: [PRODUCTS_PRODUCT_TOPIC],
        partitions: config.KAFKA_PARTITIONS,
        relay: new OutboxRelay({ dataSource, kafka, logger }),
        consumers: [consumer],
      });
    },
  };
}
