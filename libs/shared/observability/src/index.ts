export * from './config';
export * from './health';
export * from './logging';
export * from './metrics';
export * from './metrics-server';
export * from './service-config';
export * from './shutdown';
export * from './tracing';
