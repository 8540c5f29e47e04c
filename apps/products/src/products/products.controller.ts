import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { Causation, FlagView, ProductPage, ProductView, VoteReply } from '@mogul/contracts';
import { Actor, Cause, CurrentActor, INTERNAL_API_PREFIX, OptionalActor, RequireRoles } from '@mogul/http';
import { CreateProductBody, DesignChangesBody, FlagProductBody, RejectProductBody } from './dto/bodies';
import { ProductIdParams, ProductSlugParams } from './dto/params';
import { BrowseProductsQuery } from './dto/queries';
import { ProductCatalogue } from './product-catalogue.service';
import { ProductFlagService } from './product-flag.service';
import { ProductService } from './product.service';

/**
 * Designs on the internal API, in the public API's shape. Each route admits the roles its public
 * route does; ownership and every design rule are the services'. Thin: parse, call one service
 * method, answer with a view.
 */
@Controller(`${INTERNAL_API_PREFIX}/products`)
export class ProductsController {
  constructor(
    private readonly products: ProductService,
    private readonly catalogue: ProductCatalogue,
    private readonly flags: ProductFlagService,
  ) {}

  @Get()
  browse(@Query() query: BrowseProductsQuery): Promise<ProductPage> {
    return this.catalogue.browse(query);
  }

  /** A signed-in creator sees their own unpublished designs too. */
  @Get('by-slug/:slug')
  getBySlug(@Param() { slug }: ProductSlugParams, @OptionalActor() actor: Actor | null): Promise<ProductView> {
    return this.catalogue.getBySlug(actor, slug);
  }

  @Get(':id')
  get(@Param() { id }: ProductIdParams, @OptionalActor() actor: Actor | null): Promise<ProductView> {
    return this.catalogue.get(actor, id);
  }

  @Post()
  @RequireRoles('creator')
  async create(@Body() body: CreateProductBody, @CurrentActor() actor: Actor): Promise<ProductView> {
    const { listingId, ...design } = body;
    return this.catalogue.viewOf(await this.products.create(actor, listingId, design));
  }

  @Patch(':id')
  @RequireRoles('creator')
  async update(@Param() { id }: ProductIdParams, @Body() changes: DesignChangesBody, @CurrentActor() actor: Actor): Promise<ProductView> {
    return this.catalogue.viewOf(await this.products.revise(actor, id, changes));
  }

  @Post(':id/publish')
  @HttpCode(HttpStatus.OK)
  @RequireRoles('creator')
  async publish(@Param() { id }: ProductIdParams, @CurrentActor() actor: Actor, @Cause() cause: Causation): Promise<ProductView> {
    return this.catalogue.viewOf(await this.products.publish(actor, id, cause));
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @RequireRoles('creator')
  async withdraw(@Param() { id }: ProductIdParams, @CurrentActor() actor: Actor, @Cause() cause: Causation): Promise<ProductView> {
    return this.catalogue.viewOf(await this.products.withdraw(actor, id, cause));
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @RequireRoles('operator')
  async reject(@Param() { id }: ProductIdParams, @Body() body: RejectProductBody, @Cause() cause: Causation): Promise<ProductView> {
    return this.catalogue.viewOf(await this.products.reject(id, body.reason, cause));
  }

  /** `{}` copies the design as it is. */
  @Post(':id/remix')
  @RequireRoles('creator')
  async remix(@Param() { id }: ProductIdParams, @Body() changes: DesignChangesBody, @CurrentActor() actor: Actor): Promise<ProductView> {
    return this.catalogue.viewOf(await this.products.remix(actor, id, changes));
  }

  /** Any signed-in user; creators cannot vote for their own designs. */
  @Post(':id/vote')
  @HttpCode(HttpStatus.OK)
  vote(@Param() { id }: ProductIdParams, @CurrentActor() actor: Actor, @Cause() cause: Causation): Promise<VoteReply> {
    return this.products.vote(actor, id, cause);
  }

  /** Any signed-in user but the creator; flagging again answers the first flag. */
  @Post(':id/flag')
  @HttpCode(HttpStatus.OK)
  flag(
    @Param() { id }: ProductIdParams,
    @Body() body: FlagProductBody,
    @CurrentActor() actor: Actor,
    @Cause() cause: Causation,
  ): Promise<FlagView> {
    return this.flags.flag(actor, id, body, cause);
  }
}
