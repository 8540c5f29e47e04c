import { Module } from '@nestjs/common';

/** Request–reply patterns of the products service that the gateway forwards. */
export const PRODUCTS_FORWARDED_PATTERNS: string[] = [];

@Module({ controllers: [] })
export class ProductsModule {}
