import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock, InternalApiModule } from '@mogul/http';
import { HealthModule, LoggingModule, MetricsModule } from '@mogul/observability';
import { ProductsConfig } from './config';
import { productsDataSourceOptions } from './database';
import { ProjectionEventsHandler } from './events/projection-events.handler';
import { ListingProjection } from './listings/listing-projection.service';
import { productsOutbox } from './messaging';
import { FlagSummaries } from './products/flag-summaries.service';
import { ModerationQueue } from './products/moderation-queue.service';
import { ModerationController } from './products/moderation.controller';
import { MyProductsController } from './products/my-products.controller';
import { ProductCatalogue } from './products/product-catalogue.service';
import { ProductFlagService } from './products/product-flag.service';
import { ProductSalesCounter } from './products/product-sales.service';
import { ProductService } from './products/product.service';
import { ProductsController } from './products/products.controller';
import { UserProjection } from './users/user-projection.service';

@Module({})
export class AppModule {
  static forRoot(config: ProductsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({ service: 'products', level: config.LOG_LEVEL }),
        TypeOrmModule.forRoot({ ...productsDataSourceOptions(config), retryAttempts: 3 }),
        HealthModule.forRoot({ kafkaBrokers: config.kafkaBrokers(), database: true }),
        MetricsModule.forRoot({ service: 'products' }),
        InternalApiModule.forRoot(config.accessTokens()),
      ],
      controllers: [ProductsController, MyProductsController, ModerationController, ProjectionEventsHandler],
      providers: [
        { provide: ProductsConfig, useValue: config },
        Clock,
        ProductService,
        ProductCatalogue,
        ProductFlagService,
        FlagSummaries,
        ModerationQueue,
        ProductSalesCounter,
        ListingProjection,
        UserProjection,
        productsOutbox(config),
      ],
    };
  }
}
