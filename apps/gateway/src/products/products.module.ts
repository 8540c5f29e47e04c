import { Module } from '@nestjs/common';
import { ModerationController } from './moderation.controller';
import { MyProductsController } from './my-products.controller';
import { ProductsController } from './products.controller';

@Module({
  controllers: [ProductsController, MyProductsController, ModerationController],
})
export class ProductsModule {}
