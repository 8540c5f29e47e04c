import { Module } from '@nestjs/common';
import { ListingsPatterns } from '@mogul/contracts';
import { ListingsController } from './listings.controller';
import { MerchantListingsController } from './merchant-listings.controller';

/** Request–reply patterns of the listings service that the gateway forwards. */
export const LISTINGS_FORWARDED_PATTERNS: string[] = Object.values(ListingsPatterns);

@Module({ controllers: [ListingsController, MerchantListingsController] })
export class ListingsModule {}
