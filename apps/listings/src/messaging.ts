import { Provider } from '@nestjs/common';
import { IDENTITY_USER_TOPIC, LISTINGS_LISTING_TOPIC } from '@mogul/contracts';
import { serviceEvents, serviceOutbox } from '@mogul/messaging';
import { ListingsConfig } from './config';

const broker = (config: ListingsConfig) => ({ clientId: 'listings', brokers: config.kafkaBrokers(), partitions: config.KAFKA_PARTITIONS });

/** The listings service publishes its outbox on `listings.listing`. */
export function listingsOutbox(config: ListingsConfig): Provider {
  return serviceOutbox({ ...broker(config), topics: [LISTINGS_LISTING_TOPIC], sentRetentionSeconds: config.OUTBOX_SENT_RETENTION_SECONDS });
}

/** Serves the `@EventPattern` handlers (`IdentityUserHandlers`) from `identity.user`. */
export function listingsEvents(config: ListingsConfig) {
  return serviceEvents({
    ...broker(config),
    groupId: config.identityUserGroupId(),
    consumerName: 'listings.identity-user',
    topics: [IDENTITY_USER_TOPIC],
  });
}
