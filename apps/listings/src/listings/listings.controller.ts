import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { Causation, ListingPage, ListingView } from '@mogul/contracts';
import { Actor, Cause, CurrentActor, INTERNAL_API_PREFIX, OptionalActor, RequireRoles } from '@mogul/http';
import { ListingChangesBody } from './dto/listing-fields.body';
import { BrowseListingsQuery, CreateListingBody, ListingIdParams, ListingVersionQuery } from './dto/listing-requests.body';
import { ListingTransition } from './listing-status';
import { ListingService } from './listing.service';

/**
 * Listings as the gateway calls them, in the shape of the public API. Anyone browses and reads
 * public listings; merchants create listings and change their own (the service decides whose a
 * listing is: anyone else's answers 404).
 */
@Controller(`${INTERNAL_API_PREFIX}/listings`)
export class ListingsController {
  constructor(private readonly listings: ListingService) {}

  @Get()
  browse(@Query() query: BrowseListingsQuery): Promise<ListingPage> {
    return this.listings.browse(query);
  }

  /** A signed-in merchant also sees their own drafts and retired listings. */
  @Get(':id')
  async get(@Param() { id }: ListingIdParams, @OptionalActor() viewer: Actor | null): Promise<ListingView> {
    return (await this.listings.get(id, viewer)).view();
  }

  @Post()
  @RequireRoles('merchant')
  async create(@Body() body: CreateListingBody, @CurrentActor() actor: Actor, @Cause() cause: Causation): Promise<ListingView> {
    return (await this.listings.create(actor, body, cause)).view();
  }

  @Patch(':id')
  @RequireRoles('merchant')
  async edit(
    @Param() { id }: ListingIdParams,
    @Query() { expectedVersion }: ListingVersionQuery,
    @Body() changes: ListingChangesBody,
    @CurrentActor() actor: Actor,
    @Cause() cause: Causation,
  ): Promise<ListingView> {
    return (await this.listings.edit(actor, { listingId: id, expectedVersion }, changes, cause)).view();
  }

  @Post(':id/publish')
  @HttpCode(HttpStatus.OK)
  @RequireRoles('merchant')
  publish(
    @Param() params: ListingIdParams,
    @Query() query: ListingVersionQuery,
    @CurrentActor() actor: Actor,
    @Cause() cause: Causation,
  ): Promise<ListingView> {
    return this.transition('publish', params, query, actor, cause);
  }

  @Post(':id/pause')
  @HttpCode(HttpStatus.OK)
  @RequireRoles('merchant')
  pause(
    @Param() params: ListingIdParams,
    @Query() query: ListingVersionQuery,
    @CurrentActor() actor: Actor,
    @Cause() cause: Causation,
  ): Promise<ListingView> {
    return this.transition('pause', params, query, actor, cause);
  }

  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  @RequireRoles('merchant')
  resume(
    @Param() params: ListingIdParams,
    @Query() query: ListingVersionQuery,
    @CurrentActor() actor: Actor,
    @Cause() cause: Causation,
  ): Promise<ListingView> {
    return this.transition('resume', params, query, actor, cause);
  }

  @Post(':id/retire')
  @HttpCode(HttpStatus.OK)
  @RequireRoles('merchant')
  retire(
    @Param() params: ListingIdParams,
    @Query() query: ListingVersionQuery,
    @CurrentActor() actor: Actor,
    @Cause() cause: Causation,
  ): Promise<ListingView> {
    return this.transition('retire', params, query, actor, cause);
  }

  private async transition(
    transition: ListingTransition,
    { id }: ListingIdParams,
    { expectedVersion }: ListingVersionQuery,
    actor: Actor,
    cause: Causation,
  ): Promise<ListingView> {
    return (await this.listings.transition(transition, actor, { listingId: id, expectedVersion }, cause)).view();
  }
}
