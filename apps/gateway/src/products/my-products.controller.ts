import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProductPage } from '@mogul/contracts';
import { Caller, GatewayCaller } from '../auth/caller.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { BEARER_SCHEME } from '../openapi/openapi';
import { ProductsClient } from '../services/products.client';
import { MyProductsQuery } from './dto/product-queries.dto';
import { ProductPageResponse } from './dto/product.response';

/** A creator's own designs in every status: drafts, published, withdrawn and rejected (with the reason). */
@ApiTags('products')
@ApiBearerAuth(BEARER_SCHEME)
@Controller('creators/me/products')
export class MyProductsController {
  constructor(private readonly products: ProductsClient) {}

  @Get()
  @Roles('creator')
  @ApiOperation({ summary: 'My designs', description: 'Cursor-paginated; `newest` sorts by creation.' })
  @ApiOkResponse({ type: ProductPageResponse })
  @ApiProblems(400, 401, 403)
  list(@Query() query: MyProductsQuery, @Caller() caller: GatewayCaller): Promise<ProductPage> {
    return this.products.mine(caller, query);
  }
}
