import { Module } from '@nestjs/common';
import { MyProductsController } from './my-products.controller';
import { ProductsController } from './products.controller';

@Module({
  controllers: [ProductsController, MyProductsController],
})
export class ProductsModule {}
