import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AccessTokenClaims,
  BrowseListingsRequest,
  CreateListingRequest,
  GetListingRequest,
  ListingPage,
  ListingsPatterns,
  ListingTransitionRequest,
  ListingView,
  UpdateListingRequest,
} from '@mogul/contracts';
import { ServiceClient } from '@mogul/messaging';
import { CorrelationId } from '@mogul/observability';
import { FastifyReply } from 'fastify';
import { CurrentUser, OptionalUser } from '../auth/current-user.decorator';
import { OptionalViewerGuard } from '../auth/optional-viewer.guard';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/uuid-param';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { RequestValidationError, unwrap } from '../problem/errors';
import { CreateListingDto, UpdateListingDto } from './dto/listing-fields.dto';
import { BrowseListingsQuery } from './dto/listing-queries.dto';
import { ListingPageResponse, ListingResponse } from './dto/listing.response';
import { expectedVersionOf, listingETag } from './if-match';
import { actorOf } from './listing-actor';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The `ETag` of the listing as last read, e.g. `"3"`: the change applies only to that version, else 409.',
};

const ID_PARAM = { name: 'id', format: 'uuid', description: 'The listing.' };

/**
 * Merchants' listings. Anyone browses active listings; merchants create listings and change
 * their own. Whose listing it is, and what its status allows, the listings service decides:
 * someone else's listing answers 404 as if it did not exist.
 */
@ApiTags('listings')
@Controller('listings')
export class ListingsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Browse active listings', description: 'Newest first, a page at a time; follow `nextCursor`.' })
  @ApiOkResponse({ type: ListingPageResponse })
  @ApiProblems(400)
  async browse(@Query() query: BrowseListingsQuery, @CorrelationId() correlationId: string): Promise<ListingPage> {
    const request: BrowseListingsRequest = { category: query.category, limit: query.limit, cursor: query.cursor };
    return unwrap(await this.services.send<ListingPage, BrowseListingsRequest>(ListingsPatterns.browse, request, correlationId));
  }

  @Get(':id')
  @Public()
  @UseGuards(OptionalViewerGuard)
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'A listing',
    description: 'Anyone sees active and paused listings. With a token, a merchant also sees their own drafts and retired listings.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ListingResponse, headers: { ETag: { description: 'The listing’s version, for If-Match.' } } })
  @ApiProblems(400, 401, 404)
  async get(
    @UuidParam('id') listingId: string,
    @OptionalUser() viewer: AccessTokenClaims | undefined,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    const request: GetListingRequest = { listingId, ...(viewer ? { actor: actorOf(viewer) } : {}) };
    return tagged(reply, unwrap(await this.services.send<ListingView, GetListingRequest>(ListingsPatterns.get, request, correlationId)));
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Roles('merchant')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'Create a listing',
    description:
      'Merchants only. Creates a draft, or an active listing with `publish: true`. A malformed field is a 400; ' +
      'a listing that breaks a rule between fields (currencies, selection bounds, codes, royalty range) is a 422. Both name the fields.',
  })
  @ApiCreatedResponse({ type: ListingResponse })
  @ApiProblems(400, 401, 403, 413, 422)
  async create(
    @Body() body: CreateListingDto,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    const { publish, ...listing } = body;
    const request: CreateListingRequest = { actor: actorOf(user), listing, publish };
    return tagged(
      reply,
      unwrap(await this.services.send<ListingView, CreateListingRequest>(ListingsPatterns.create, request, correlationId)),
    );
  }

  @Patch(':id')
  @Roles('merchant')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'Edit a listing',
    description:
      'The owning merchant only; name only the fields that change (`optionGroups` replaces them all). ' +
      'A retired listing cannot be edited (409). Publishing, pausing and resuming are their own endpoints.',
  })
  @ApiParam(ID_PARAM)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ListingResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 422)
  async edit(
    @UuidParam('id') listingId: string,
    @Body() changes: UpdateListingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    if (Object.values(changes).every((value) => value === undefined)) {
      throw new RequestValidationError([{ field: 'body', message: 'name at least one field to change' }]);
    }
    const request: UpdateListingRequest = { actor: actorOf(user), listingId, changes, expectedVersion: expectedVersionOf(ifMatch) };
    return tagged(
      reply,
      unwrap(await this.services.send<ListingView, UpdateListingRequest>(ListingsPatterns.update, request, correlationId)),
    );
  }

  @Post(':id/publish')
  @HttpCode(HttpStatus.OK)
  @Roles('merchant')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'Publish a draft', description: 'draft → active: the listing appears in browse.' })
  @ApiParam(ID_PARAM)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ListingResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  publish(
    @UuidParam('id') listingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    return this.transition(ListingsPatterns.publish, listingId, ifMatch, user, correlationId, reply);
  }

  @Post(':id/pause')
  @HttpCode(HttpStatus.OK)
  @Roles('merchant')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'Pause an active listing', description: 'active → paused: it leaves browse and its designs cannot be ordered.' })
  @ApiParam(ID_PARAM)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ListingResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  pause(
    @UuidParam('id') listingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    return this.transition(ListingsPatterns.pause, listingId, ifMatch, user, correlationId, reply);
  }

  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  @Roles('merchant')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'Resume a paused listing', description: 'paused → active.' })
  @ApiParam(ID_PARAM)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ListingResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  resume(
    @UuidParam('id') listingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    return this.transition(ListingsPatterns.resume, listingId, ifMatch, user, correlationId, reply);
  }

  @Post(':id/retire')
  @HttpCode(HttpStatus.OK)
  @Roles('merchant')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'Retire a listing, for good',
    description: 'Its designs can no longer be ordered and it can no longer be edited. Drafts can be retired too.',
  })
  @ApiParam(ID_PARAM)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ListingResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  retire(
    @UuidParam('id') listingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    return this.transition(ListingsPatterns.retire, listingId, ifMatch, user, correlationId, reply);
  }

  private async transition(
    pattern: string,
    listingId: string,
    ifMatch: string | undefined,
    user: AccessTokenClaims,
    correlationId: string,
    reply: FastifyReply,
  ): Promise<ListingView> {
    const request: ListingTransitionRequest = { actor: actorOf(user), listingId, expectedVersion: expectedVersionOf(ifMatch) };
    return tagged(reply, unwrap(await this.services.send<ListingView, ListingTransitionRequest>(pattern, request, correlationId)));
  }
}

/** Sets the listing's ETag on the response, for a later If-Match. */
function tagged(reply: FastifyReply, listing: ListingView): ListingView {
  reply.header('ETag', listingETag(listing.version));
  return listing;
}
