import { Module } from '@nestjs/common';
import { ProductsPatterns } from '@mogul/contracts';
import { MyProductsController } from './my-products.controller';
import { ProductsController } from './products.controller';

/** Request–reply patterns of the products service that the gateway forwards. */
export const PRODUCTS_FORWARDED_PATTERNS: string[] = Object.values(ProductsPatterns);

@Module({
  controllers: [ProductsController, MyProductsController],
})
export class ProductsModule {}
