import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListingPage } from '@mogul/contracts';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { ListingsClient } from '../services/listings.client';
import { MyListingsQuery } from './dto/listing-queries.dto';
import { ListingPageResponse } from './dto/listing.response';

/** The signed-in merchant's own listings, whatever their status. */
@ApiTags('listings')
@ApiBearerAuth(BEARER_SCHEME)
@Controller('merchants/me/listings')
export class MerchantListingsController {
  constructor(private readonly listings: ListingsClient) {}

  @Get()
  @Roles('merchant')
  @ApiOperation({ summary: 'My listings', description: 'Drafts, active, paused and retired, newest first; optionally one status.' })
  @ApiOkResponse({ type: ListingPageResponse })
  @ApiProblems(400, 401, 403)
  mine(@Query() query: MyListingsQuery, @Caller() caller: GatewayCaller): Promise<ListingPage> {
    return this.listings.mine(caller, { status: query.status, limit: query.limit, cursor: query.cursor });
  }
}
