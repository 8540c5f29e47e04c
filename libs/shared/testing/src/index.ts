export * from './databases';
export * from './designs';
export * from './kafka';
export * from './service-api';
export * from './listings';
