import { Controller, Get, Query } from '@nestjs/common';
import { ProductPage } from '@mogul/contracts';
import { Actor, CurrentActor, INTERNAL_API_PREFIX, RequireRoles } from '@mogul/http';
import { MyProductsQuery } from './dto/queries';
import { ProductCatalogue } from './product-catalogue.service';

/** The signed-in creator's own designs in every status; whose they are comes from the token. */
@Controller(`${INTERNAL_API_PREFIX}/creators/me/products`)
export class MyProductsController {
  constructor(private readonly catalogue: ProductCatalogue) {}

  @Get()
  @RequireRoles('creator')
  list(@Query() query: MyProductsQuery, @CurrentActor() actor: Actor): Promise<ProductPage> {
    return this.catalogue.mine(actor, query);
  }
}
