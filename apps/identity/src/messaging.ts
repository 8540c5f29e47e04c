import { Provider } from '@nestjs/common';
import { IDENTITY_USER_TOPIC } from '@mogul/contracts';
import { serviceOutbox } from '@mogul/messaging';
import { IdentityConfig } from './config';

/** Identity publishes its outbox on `identity.user` and consumes no events. */
export function identityOutbox(config: IdentityConfig): Provider {
  return serviceOutbox({
    clientId: 'identity',
    brokers: config.kafkaBrokers(),
    partitions: config.KAFKA_PARTITIONS,
    topics: [IDENTITY_USER_TOPIC],
    sentRetentionSeconds: config.OUTBOX_SENT_RETENTION_SECONDS,
  });
}
