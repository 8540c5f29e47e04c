export * from './envelope';
export * from './money';
export * from './identity/events';
export * from './identity/messages';
export * from './listings';
export * from './products';
export * from './orders';
export * from './payouts';
