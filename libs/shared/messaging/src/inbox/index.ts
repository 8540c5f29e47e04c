export * from './dead-letter';
export * from './handlers';
export * from './idempotent-consumer';
export * from './inbox-entry.entity';
export * from './incoming-message';
export * from './transient-errors';
