import { Controller, Get, Query } from '@nestjs/common';
import { ListingPage } from '@mogul/contracts';
import { Actor, CurrentActor, INTERNAL_API_PREFIX, RequireRoles } from '@mogul/http';
import { MyListingsQuery } from './dto/listing-requests.body';
import { ListingService } from './listing.service';

/** The signed-in merchant's own listings, whatever their status. */
@Controller(`${INTERNAL_API_PREFIX}/merchants/me/listings`)
export class MerchantListingsController {
  constructor(private readonly listings: ListingService) {}

  @Get()
  @RequireRoles('merchant')
  mine(@Query() query: MyListingsQuery, @CurrentActor() actor: Actor): Promise<ListingPage> {
    return this.listings.mine(actor, query);
  }
}
