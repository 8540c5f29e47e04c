import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ProductPage, ProductsPatterns, ProductView, Reply, RequestMessage, VoteReply } from '@mogul/contracts';
import { answer, causeOf, validBody } from '@mogul/messaging';
import {
  BrowseProductsBody,
  CreateProductBody,
  GetProductBody,
  GetProductBySlugBody,
  MyProductsBody,
  ProductTransitionBody,
  RejectProductBody,
  RemixProductBody,
  UpdateProductBody,
} from './dto/bodies';
import { ProductCatalogue } from './product-catalogue.service';
import { ProductService } from './product.service';

/** Request–reply handlers for designs: validate, call one service method, answer with a view. */
@Controller()
export class ProductsController {
  constructor(
    private readonly products: ProductService,
    private readonly catalogue: ProductCatalogue,
  ) {}

  @MessagePattern(ProductsPatterns.create)
  create(@Payload() message: RequestMessage<unknown>): Promise<Reply<ProductView>> {
    return answer(async () => {
      const { actor, listingId, design } = await validBody(CreateProductBody, message);
      return this.catalogue.viewOf(await this.products.create(actor, listingId, design));
    });
  }

  @MessagePattern(ProductsPatterns.update)
  update(@Payload() message: RequestMessage<unknown>): Promise<Reply<ProductView>> {
    return answer(async () => {
      const { actor, productId, changes } = await validBody(UpdateProductBody, message);
      return this.catalogue.viewOf(await this.products.revise(actor, productId, changes));
    });
  }

  @MessagePattern(ProductsPatterns.publish)
  publish(@Payload() message: RequestMessage<unknown>): Promise<Reply<ProductView>> {
    return answer(async () => {
      const { actor, productId } = await validBody(ProductTransitionBody, message);
      return this.catalogue.viewOf(await this.products.publish(actor, productId, causeOf(message)));
    });
  }

  @MessagePattern(ProductsPatterns.withdraw)
  withdraw(@Payload() message: RequestMessage<unknown>): Promise<Reply<ProductView>> {
    return answer(async () => {
      const { actor, productId } = await validBody(ProductTransitionBody, message);
      return this.catalogue.viewOf(await this.products.withdraw(actor, productId, causeOf(message)));
    });
  }

  @MessagePattern(ProductsPatterns.reject)
  reject(@Payload() message: RequestMessage<unknown>): Promise<Reply<ProductView>> {
    return answer(async () => {
      const { actor, productId, reason } = await validBody(RejectProductBody, message);
      return this.catalogue.viewOf(await this.products.reject(actor, productId, reason, causeOf(message)));
    });
  }

  @MessagePattern(ProductsPatterns.remix)
  remix(@Payload() message: RequestMessage<unknown>): Promise<Reply<ProductView>> {
    return answer(async () => {
      const { actor, productId, changes } = await validBody(RemixProductBody, message);
      return this.catalogue.viewOf(await this.products.remix(actor, productId, changes ?? {}));
    });
  }

  @MessagePattern(ProductsPatterns.vote)
  vote(@Payload() message: RequestMessage<unknown>): Promise<Reply<VoteReply>> {
    return answer(async () => {
      const { actor, productId } = await validBody(ProductTransitionBody, message);
      return this.products.vote(actor, productId, causeOf(message));
    });
  }

  @MessagePattern(ProductsPatterns.get)
  get(@Payload() message: RequestMessage<unknown>): Promise<Reply<ProductView>> {
    return answer(async () => {
      const { actor, productId } = await validBody(GetProductBody, message);
      return this.catalogue.get(actor, productId);
    });
  }

  @MessagePattern(ProductsPatterns.getBySlug)
  getBySlug(@Payload() message: RequestMessage<unknown>): Promise<Reply<ProductView>> {
    return answer(async () => {
      const { actor, slug } = await validBody(GetProductBySlugBody, message);
      return this.catalogue.getBySlug(actor, slug);
    });
  }

  @MessagePattern(ProductsPatterns.browse)
  browse(@Payload() message: RequestMessage<unknown>): Promise<Reply<ProductPage>> {
    return answer(async () => this.catalogue.browse(await validBody(BrowseProductsBody, message)));
  }

  @MessagePattern(ProductsPatterns.mine)
  mine(@Payload() message: RequestMessage<unknown>): Promise<Reply<ProductPage>> {
    return answer(async () => {
      const { actor, ...filter } = await validBody(MyProductsBody, message);
      return this.catalogue.mine(actor, filter);
    });
  }
}
