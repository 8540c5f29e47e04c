// Listings contracts: events, request-reply patterns and wire types.
export * from './currency';
export * from './events';
export * from './messages';
