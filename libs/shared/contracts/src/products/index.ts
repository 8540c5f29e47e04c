// Products contracts: events and the internal API's wire types.
export * from './events';
export * from './messages';
export * from './flags';
