export * from './databases';
export * from './designs';
export * from './kafka';
