import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenClaims, MyProductsRequest, ProductPage, ProductsPatterns } from '@mogul/contracts';
import { ServiceClient } from '@mogul/messaging';
import { CorrelationId } from '@mogul/observability';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { unwrap } from '../problem/errors';
import { actorOf } from './actor';
import { MyProductsQuery } from './dto/product-queries.dto';
import { ProductPageResponse } from './dto/product.response';

/** A creator's own designs in every status: drafts, published, withdrawn and rejected (with the reason). */
@ApiTags('products')
@ApiBearerAuth(BEARER_SCHEME)
@Controller('creators/me/products')
export class MyProductsController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @Roles('creator')
  @ApiOperation({ summary: 'My designs', description: 'Cursor-paginated; `newest` sorts by creation.' })
  @ApiOkResponse({ type: ProductPageResponse })
  @ApiProblems(400, 401, 403)
  async list(
    @Query() query: MyProductsQuery,
    @CurrentUser() user: AccessTokenClaims,
    @CorrelationId() correlationId: string,
  ): Promise<ProductPage> {
    const request: MyProductsRequest = { actor: actorOf(user), ...query };
    return unwrap(await this.services.send<ProductPage, MyProductsRequest>(ProductsPatterns.mine, request, correlationId));
  }
}
