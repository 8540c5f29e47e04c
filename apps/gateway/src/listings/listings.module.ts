import { Module } from '@nestjs/common';
import { ListingsController } from './listings.controller';
import { MerchantListingsController } from './merchant-listings.controller';

@Module({ controllers: [ListingsController, MerchantListingsController] })
export class ListingsModule {}
