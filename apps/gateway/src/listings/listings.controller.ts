import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ListingPage, ListingView } from '@mogul/contracts';
import { FastifyReply } from 'fastify';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { OptionalViewerGuard } from '../auth/optional-viewer.guard';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/uuid-param';
import { ApiAnonymous } from '../openapi/api-anonymous.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { RequestValidationError } from '@mogul/http';
import { ListingAction, ListingsClient } from '../services/listings.client';
import { CreateListingDto, UpdateListingDto } from './dto/listing-fields.dto';
import { BrowseListingsQuery } from './dto/listing-queries.dto';
import { ListingPageResponse, ListingResponse } from './dto/listing.response';
import { expectedVersionOf, listingETag } from './if-match';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The `ETag` of the listing as last read, e.g. `"3"`: the change applies only to that version, else 409.',
};

const ETAG = { ETag: { description: 'The listing’s version, for If-Match.', schema: { type: 'string', example: '"3"' } } };

const ID_PARAM = { name: 'id', format: 'uuid', description: 'The listing.' };

/**
 * Merchants' listings. Anyone browses active listings; merchants create listings and change
 * their own. Whose listing it is, and what its status allows, the listings service decides:
 * someone else's listing answers 404 as if it did not exist.
 */
@ApiTags('listings')
@Controller('listings')
export class ListingsController {
  constructor(private readonly listings: ListingsClient) {}

  @Get()
  @Public()
  @ApiAnonymous()
  @ApiOperation({ summary: 'Browse active listings', description: 'Newest first, a page at a time; follow `nextCursor`.' })
  @ApiOkResponse({ type: ListingPageResponse })
  @ApiProblems(400)
  browse(@Query() query: BrowseListingsQuery, @Caller() caller: GatewayCaller): Promise<ListingPage> {
    return this.listings.browse(caller, { category: query.category, limit: query.limit, cursor: query.cursor });
  }

  @Get(':id')
  @Public()
  @ApiAnonymous()
  @UseGuards(OptionalViewerGuard)
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'A listing',
    description: 'Anyone sees active and paused listings. With a token, a merchant also sees their own drafts and retired listings.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: ListingResponse, headers: ETAG })
  @ApiProblems(400, 401, 404)
  async get(
    @UuidParam('id') listingId: string,
    @Caller() caller: GatewayCaller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    return tagged(reply, await this.listings.get(caller, listingId));
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
  @ApiCreatedResponse({ type: ListingResponse, headers: ETAG })
  @ApiProblems(400, 401, 403, 413, 422)
  async create(
    @Body() body: CreateListingDto,
    @Caller() caller: GatewayCaller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    return tagged(reply, await this.listings.create(caller, body));
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
  @ApiOkResponse({ type: ListingResponse, headers: ETAG })
  @ApiProblems(400, 401, 403, 404, 409, 413, 422)
  async edit(
    @UuidParam('id') listingId: string,
    @Body() changes: UpdateListingDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Caller() caller: GatewayCaller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    if (Object.values(changes).every((value) => value === undefined)) {
      throw new RequestValidationError([{ field: 'body', message: 'name at least one field to change' }]);
    }
    return tagged(reply, await this.listings.update(caller, listingId, changes, { expectedVersion: expectedVersionOf(ifMatch) }));
  }

  @Post(':id/publish')
  @HttpCode(HttpStatus.OK)
  @Roles('merchant')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'Publish a draft', description: 'draft → active: the listing appears in browse.' })
  @ApiParam(ID_PARAM)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ListingResponse, headers: ETAG })
  @ApiProblems(400, 401, 403, 404, 409)
  publish(
    @UuidParam('id') listingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Caller() caller: GatewayCaller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    return this.act('publish', listingId, ifMatch, caller, reply);
  }

  @Post(':id/pause')
  @HttpCode(HttpStatus.OK)
  @Roles('merchant')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'Pause an active listing', description: 'active → paused: it leaves browse and its designs cannot be ordered.' })
  @ApiParam(ID_PARAM)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ListingResponse, headers: ETAG })
  @ApiProblems(400, 401, 403, 404, 409)
  pause(
    @UuidParam('id') listingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Caller() caller: GatewayCaller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    return this.act('pause', listingId, ifMatch, caller, reply);
  }

  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  @Roles('merchant')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'Resume a paused listing', description: 'paused → active.' })
  @ApiParam(ID_PARAM)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ListingResponse, headers: ETAG })
  @ApiProblems(400, 401, 403, 404, 409)
  resume(
    @UuidParam('id') listingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Caller() caller: GatewayCaller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    return this.act('resume', listingId, ifMatch, caller, reply);
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
  @ApiOkResponse({ type: ListingResponse, headers: ETAG })
  @ApiProblems(400, 401, 403, 404, 409)
  retire(
    @UuidParam('id') listingId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Caller() caller: GatewayCaller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ListingView> {
    return this.act('retire', listingId, ifMatch, caller, reply);
  }

  private async act(
    action: ListingAction,
    listingId: string,
    ifMatch: string | undefined,
    caller: GatewayCaller,
    reply: FastifyReply,
  ): Promise<ListingView> {
    return tagged(reply, await this.listings.act(caller, action, listingId, { expectedVersion: expectedVersionOf(ifMatch) }));
  }
}

/** Sets the listing's ETag on the response, for a later If-Match. */
function tagged(reply: FastifyReply, listing: ListingView): ListingView {
  reply.header('ETag', listingETag(listing.version));
  return listing;
}
