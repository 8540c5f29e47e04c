import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenClaims, ListingPage, ListingsPatterns, MyListingsRequest } from '@mogul/contracts';
import { ServiceClient } from '@mogul/messaging';
import { CorrelationId } from '@mogul/observability';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { unwrap } from '../problem/errors';
import { MyListingsQuery } from './dto/listing-queries.dto';
import { ListingPageResponse } from './dto/listing.response';
import { actorOf } from './listing-actor';

/** The signed-in merchant's own listings, whatever their status. */
@ApiTags('listings')
@ApiBearerAuth(BEARER_SCHEME)
@Controller('merchants/me/listings')
export class MerchantListingsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Roles('merchant')
  @ApiOperation({ summary: 'My listings', description: 'Drafts, active, paused and retired, newest first; optionally one status.' })
  @ApiOkResponse({ type: ListingPageResponse })
  @ApiProblems(400, 401, 403)
  async mine(
    @Query() query: MyListingsQuery,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<ListingPage> {
    const request: MyListingsRequest = { actor: actorOf(user), status: query.status, limit: query.limit, cursor: query.cursor };
    return unwrap(await this.services.send<ListingPage, MyListingsRequest>(ListingsPatterns.mine, request, correlationId));
  }
}
