export * from './databases';
export * from './kafka';
