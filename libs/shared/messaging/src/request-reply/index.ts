export * from './errors';
export * from './kafka-service-client';
export * from './microservice';
export * from './reply-serializer';
export * from './service-client';
export * from './service-client.module';
export * from './group-offsets';
export * from './handling';
