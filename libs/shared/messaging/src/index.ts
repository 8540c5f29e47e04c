export * from './backoff';
export * from './inbox';
export * from './kafka';
export * from './logger';
export * from './migrations';
export * from './nest/messaging-lifecycle';
export * from './outbox';
export * from './request-reply';
