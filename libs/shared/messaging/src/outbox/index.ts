export * from './append-to-outbox';
export * from './event-headers';
export * from './outbox-message.entity';
export * from './outbox-relay';
