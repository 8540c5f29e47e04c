// Orders contracts: events, request-reply patterns and wire types.
export * from './events';
export * from './messages';
