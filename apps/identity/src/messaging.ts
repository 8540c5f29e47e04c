import { Provider } from '@nestjs/common';
import { createKafka, MessagingLifecycle, OutboxRelay, pinoMessagingLogger } from '@mogul/messaging';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { IdentityConfig } from './config';

/**
 * Identity publishes its outbox and consumes no events: the lifecycle runs only the relay, from
 * application bootstrap until shutdown (before the database connection closes).
 */
export function identityMessaging(config: IdentityConfig): Provider {
  return {
    provide: MessagingLifecycle,
    inject: [DataSource, PinoLogger],
    useFactory: (dataSource: DataSource, pino: PinoLogger) => {
      pino.setContext('Messaging');
      const logger = pinoMessagingLogger(pino);
      const kafka = createKafka({ clientId: 'identity', brokers: config.kafkaBrokers(), logger });
      return new MessagingLifecycle({ kafka, relay: new OutboxRelay({ dataSource, kafka, logger }) });
    },
  };
}
