import { Module } from '@nestjs/common';
import { ListingsPatterns } from '@mogul/contracts';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import { ListingsController } from './listings.controller';
import { MerchantListingsController } from './merchant-listings.controller';

/** Request–reply patterns of the listings service that the gateway forwards. */
export const LISTINGS_FORWARDED_PATTERNS: string[] = Object.values(ListingsPatterns);

/** The verifier checks the optional token of the public `GET /listings/:id`. */
@Module({ controllers: [ListingsController, MerchantListingsController], providers: [AccessTokenVerifier] })
export class ListingsModule {}
