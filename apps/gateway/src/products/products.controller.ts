import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { FlagView, ProductPage, ProductView, VoteReply } from '@mogul/contracts';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { OptionalViewerGuard } from '../auth/optional-viewer.guard';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import { UuidParam } from '../http/uuid-param';
import { ApiAnonymous } from '../openapi/api-anonymous.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { ProductsClient } from '../services/products.client';
import { CreateProductDto, DesignChangesDto, RejectProductDto } from './dto/design.dto';
import { FlagProductDto, FlagResponse } from './dto/flag.dto';
import { BrowseProductsQuery } from './dto/product-queries.dto';
import { ProductPageResponse, ProductResponse, VoteResponse } from './dto/product.response';

/**
 * Co-created designs. Browsing and reading published designs is open to anyone; a signed-in
 * creator also reads their own drafts here. Ownership and every design rule are the products
 * service's: this controller checks roles and shapes, and forwards.
 */
@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsClient) {}

  @Get()
  @Public()
  @ApiAnonymous()
  @ApiOperation({
    summary: 'Browse published designs',
    description: 'Cursor-paginated. Filters combine; `q` searches names and descriptions (full text, English stemming).',
  })
  @ApiOkResponse({ type: ProductPageResponse })
  @ApiProblems(400)
  browse(@Query() query: BrowseProductsQuery, @Caller() caller: GatewayCaller): Promise<ProductPage> {
    return this.products.browse(caller, query);
  }

  @Get('by-slug/:slug')
  @Public()
  @ApiAnonymous()
  @UseGuards(OptionalViewerGuard)
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'A design by its share slug', description: 'Published designs for anyone; others only for their creator.' })
  @ApiParam({ name: 'slug', example: 'spicy-meat-feast-x7k2' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 404)
  getBySlug(@Param('slug') slug: string, @Caller() caller: GatewayCaller): Promise<ProductView> {
    return this.products.getBySlug(caller, slug);
  }

  @Get(':id')
  @Public()
  @ApiAnonymous()
  @UseGuards(OptionalViewerGuard)
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'A design',
    description: 'Published designs for anyone; drafts, withdrawn and rejected ones only for their creator.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 404)
  get(@UuidParam('id') productId: string, @Caller() caller: GatewayCaller): Promise<ProductView> {
    return this.products.get(caller, productId);
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
  create(@Body() body: CreateProductDto, @Caller() caller: GatewayCaller): Promise<ProductView> {
    return this.products.create(caller, body);
  }

  @Patch(':id')
  @Roles('creator')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'Edit a draft', description: "Only its creator; another creator's draft is a 404. Published designs are 409." })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  update(@UuidParam('id') productId: string, @Body() changes: DesignChangesDto, @Caller() caller: GatewayCaller): Promise<ProductView> {
    return this.products.update(caller, productId, changes);
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
  publish(@UuidParam('id') productId: string, @Caller() caller: GatewayCaller): Promise<ProductView> {
    return this.products.publish(caller, productId);
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  @Roles('creator')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'Withdraw a published design', description: 'It leaves browse and can no longer be ordered.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  withdraw(@UuidParam('id') productId: string, @Caller() caller: GatewayCaller): Promise<ProductView> {
    return this.products.withdraw(caller, productId);
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @Roles('operator')
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({ summary: 'Reject a published design (moderation)', description: 'Operators only; the creator sees the reason.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(400, 401, 403, 404, 409)
  reject(@UuidParam('id') productId: string, @Body() body: RejectProductDto, @Caller() caller: GatewayCaller): Promise<ProductView> {
    return this.products.reject(caller, productId, body);
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
  remix(@UuidParam('id') productId: string, @Body() changes: DesignChangesDto, @Caller() caller: GatewayCaller): Promise<ProductView> {
    return this.products.remix(caller, productId, changes);
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
  vote(@UuidParam('id') productId: string, @Caller() caller: GatewayCaller): Promise<VoteReply> {
    return this.products.vote(caller, productId);
  }

  @Post(':id/flag')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth(BEARER_SCHEME)
  @ApiOperation({
    summary: 'Report (flag) a published design',
    description:
      'Any signed-in user but its creator (403). One flag per user per design: flagging again answers the first flag (200) and ' +
      'changes nothing. `text` is required when the reason is `other`. A design that is not published is a 409; one the caller ' +
      `cannot see (a draft, or hidden by flags) a 404. At the platform's threshold of open flags (FLAG_HIDE_THRESHOLD, default 5) ` +
      'the design is hidden from the public and cannot be ordered until an operator decides.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: FlagResponse, description: "The caller's flag, as first made." })
  @ApiProblems(400, 401, 403, 404, 409)
  flag(@UuidParam('id') productId: string, @Body() body: FlagProductDto, @Caller() caller: GatewayCaller): Promise<FlagView> {
    return this.products.flag(caller, productId, body);
  }
}
