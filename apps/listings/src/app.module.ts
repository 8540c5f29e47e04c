import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, InternalApiModule } from '@mogul/http';
import { HealthModule, LoggingModule, MetricsModule } from '@mogul/observability';
import { ListingsConfig } from './config';
import { listingsDataSourceOptions } from './database';
import { ListingService } from './listings/listing.service';
import { ListingsController } from './listings/listings.controller';
import { MerchantListingsController } from './listings/merchant-listings.controller';
import { listingsOutbox } from './messaging';
import { IdentityUserHandlers } from './users/identity-user.handlers';
import { UserDirectory } from './users/user-directory';

@Module({})
export class AppModule {
  static forRoot(config: ListingsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: 'listings', level: config.LOG_LEVEL }),
        TypeOrmModule.forRoot({ ...listingsDataSourceOptions(config), retryAttempts: 3 }),
        HealthModule.forRoot({ kafkaBrokers: config.kafkaBrokers(), database: true }),
        MetricsModule.forRoot({ service: 'listings' }),
        InternalApiModule.forRoot(config.accessTokens()),
      ],
      controllers: [ListingsController, MerchantListingsController, IdentityUserHandlers],
      providers: [{ provide: ListingsConfig, useValue: config }, Clock, UserDirectory, ListingService, listingsOutbox(config)],
    };
  }
}
