import { DynamicModule, Module } from '@nestjs/common';
import { KafkaServiceClient, ServiceClientOptions } from './kafka-service-client';
import { ServiceClient } from './service-client';

/** Provides `ServiceClient` for injection, connected at application start. */
@Module({})
export class ServiceClientModule {
  static register(options: ServiceClientOptions): DynamicModule {
    return {
      module: ServiceClientModule,
      providers: [{ provide: ServiceClient, useFactory: () => new KafkaServiceClient(options) }],
      exports: [ServiceClient],
    };
  }
}
