// Listings contracts: events and the internal API's wire types.
export * from './currency';
export * from './events';
export * from './messages';
