import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  AccessTokenClaims,
  BrowseProductsRequest,
  CreateProductRequest,
  GetProductBySlugRequest,
  GetProductRequest,
  ProductActor,
  ProductPage,
  ProductsPatterns,
  ProductTransitionRequest,
  ProductView,
  RejectProductRequest,
  RemixProductRequest,
  UpdateProductRequest,
  VoteReply,
  VoteRequest,
} from '@mogul/contracts';
import { ServiceClient } from '@mogul/messaging';
import { CorrelationId } from '@mogul/observability';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/uuid-param';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { unwrap } from '../problem/errors';
import { actorOf, Viewer } from './actor';
import { CreateProductDto, DesignChangesDto, RejectProductDto } from './dto/design.dto';
import { BrowseProductsQuery } from './dto/product-queries.dto';
import { ProductPageResponse, ProductResponse, VoteResponse } from './dto/product.response';
import { OptionalViewerGuard } from '../auth/optional-viewer.guard';

/**
 * Co-created designs. Browsing and reading published designs is open to anyone; a signed-in
 * creator also reads their own drafts here. Ownership and every design rule are the products
 * service's: this controller checks roles and shapes, and forwards.
 */
@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Browse published designs',
    description: 'Cursor-paginated. Filters combine; `q` searches names and descriptions (full text, English stemming).',
  })
  @ApiOkResponse({ type: ProductPageResponse })
  @ApiProblems(400)
  async browse(@Query() query: BrowseProductsQuery, @CorrelationId() correlationId: string): Promise<ProductPage> {
    const request: BrowseProductsRequest = { ...query };
    return unwrap(await this.services.send<ProductPage, BrowseProductsRequest>(ProductsPatterns.browse, request, correlationId));
  }

  @Get('by-slug/:slug')
  @Public()
  @UseGuards(OptionalViewerGuard)
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'A design by its share slug', description: 'Published designs for anyone; others only for their creator.' })
  @ApiParam({ name: 'slug', example: 'spicy-meat-feast-x7k2' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(401, 404)
  async getBySlug(
    @Param('slug') slug: string,
    @Viewer() actor: ProductActor | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<ProductView> {
    const request: GetProductBySlugRequest = { actor, slug };
    return unwrap(await this.services.send<ProductView, GetProductBySlugRequest>(ProductsPatterns.getBySlug, request, correlationId));
  }

  @Get(':id')
  @Public()
  @UseGuards(OptionalViewerGuard)
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'A design',
    description: 'Published designs for anyone; drafts, withdrawn and rejected ones only for their creator.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 404)
  async get(
    @UuidParam('id') productId: string,
    @Viewer() actor: ProductActor | undefined,
    @CorrelationId() correlationId: string,
  ): Promise<ProductView> {
    const request: GetProductRequest = { actor, productId };
    return unwrap(await this.services.send<ProductView, GetProductRequest>(ProductsPatterns.get, request, correlationId));
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @Roles('creator')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'Design a product on a listing',
    description:
      'Creates a draft. The selections and royalty are checked against the listing (422 names each field at fault); ' +
      'the unit price is computed by the service.',
  })
  @ApiCreatedResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 403, 422)
  async create(
    @Body() body: CreateProductDto,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<ProductView> {
    const { listingId, ...design } = body;
    const request: CreateProductRequest = { actor: actorOf(user), listingId, design };
    return unwrap(await this.services.send<ProductView, CreateProductRequest>(ProductsPatterns.create, request, correlationId));
  }

  @Patch(':id')
  @Roles('creator')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'Edit a draft', description: "Only its creator; another creator's draft is a 404. Published designs are 409." })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async update(
    @UuidParam('id') productId: string,
    @Body() changes: DesignChangesDto,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<ProductView> {
    const request: UpdateProductRequest = { actor: actorOf(user), productId, changes };
    return unwrap(await this.services.send<ProductView, UpdateProductRequest>(ProductsPatterns.update, request, correlationId));
  }

  @Post(':id/publish')
  @HttpCode(HttpStatus.OK)
  @Roles('creator')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'Publish a draft (or put a withdrawn design back)',
    description: 'Re-checks the design against its listing, which must be active; the first publication assigns the share slug.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  publish(@UuidParam('id') productId: string, @CurrentUser() user: AccessTokenClaims, @CorrelationId() correlationId: string) {
    return this.transition(ProductsPatterns.publish, { actor: actorOf(user), productId }, correlationId);
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @Roles('creator')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'Withdraw a published design', description: 'It leaves browse and can no longer be ordered.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  withdraw(@UuidParam('id') productId: string, @CurrentUser() user: AccessTokenClaims, @CorrelationId() correlationId: string) {
    return this.transition(ProductsPatterns.withdraw, { actor: actorOf(user), productId }, correlationId);
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @Roles('operator')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'Reject a published design (moderation)', description: 'Operators only; the creator sees the reason.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  async reject(
    @UuidParam('id') productId: string,
    @Body() body: RejectProductDto,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<ProductView> {
    const request: RejectProductRequest = { actor: actorOf(user), productId, reason: body.reason };
    return unwrap(await this.services.send<ProductView, RejectProductRequest>(ProductsPatterns.reject, request, correlationId));
  }

  @Post(':id/remix')
  @HttpCode(HttpStatus.CREATED)
  @Roles('creator')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'Remix a published design',
    description:
      'Creates a draft of your own that starts as a copy of the design (fields in the body replace the copied ones; ' +
      'send `{}` to copy it as it is) and ' +
      "records its parent: a share of the remix's royalty goes to the parent's creator. A design that is not published is a 409.",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async remix(
    @UuidParam('id') productId: string,
    @Body() changes: DesignChangesDto,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<ProductView> {
    const request: RemixProductRequest = { actor: actorOf(user), productId, changes };
    return unwrap(await this.services.send<ProductView, RemixProductRequest>(ProductsPatterns.remix, request, correlationId));
  }

  @Post(':id/vote')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'Vote for a published design',
    description: 'One vote per user: voting again answers the same count. Creators cannot vote for their own designs (403).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: VoteResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  async vote(
    @UuidParam('id') productId: string,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<VoteReply> {
    const request: VoteRequest = { actor: actorOf(user), productId };
    return unwrap(await this.services.send<VoteReply, VoteRequest>(ProductsPatterns.vote, request, correlationId));
  }

  private async transition(pattern: string, request: ProductTransitionRequest, correlationId: string): Promise<ProductView> {
    return unwrap(await this.services.send<ProductView, ProductTransitionRequest>(pattern, request, correlationId));
  }
}
