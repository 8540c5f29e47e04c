import { Module } from '@nestjs/common';

/** Request–reply patterns of the listings service that the gateway forwards. */
export const LISTINGS_FORWARDED_PATTERNS: string[] = [];

@Module({ controllers: [] })
export class ListingsModule {}
