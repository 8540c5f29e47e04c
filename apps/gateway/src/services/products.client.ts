import {
  BrowseProductsRequest,
  CreateProductRequest,
  DesignChanges,
  FlagProductRequest,
  FlagView,
  ModerationQueuePage,
  ModerationQueueRequest,
  MyProductsRequest,
  ProductPage,
  ProductView,
  RejectProductRequest,
  VoteReply,
} from '@mogul/contracts';
import { GatewayCaller } from '../auth/caller.decorator';
import { ServiceClient } from './service-client';

const PRODUCTS = '/internal/v1/products';
const MODERATION = '/internal/v1/moderation/products';
const productPath = (productId: string, action?: string) => `${PRODUCTS}/${encodeURIComponent(productId)}${action ? `/${action}` : ''}`;

/** The products service's internal API: the one place in the gateway that knows its paths. */
export class ProductsClient extends ServiceClient {
  browse(caller: GatewayCaller, { sort, listingId, category, creatorId, q, limit, cursor }: BrowseProductsRequest): Promise<ProductPage> {
    return this.call(caller, {
      operation: 'products.browse',
      method: 'GET',
      path: PRODUCTS,
      query: { sort, listingId, category, creatorId, q, limit, cursor },
    });
  }

  /** Published designs for anyone; a signed-in caller's own unpublished ones too. */
  get(caller: GatewayCaller, productId: string): Promise<ProductView> {
    return this.call(caller, { operation: 'products.get', method: 'GET', path: productPath(productId) });
  }

  getBySlug(caller: GatewayCaller, slug: string): Promise<ProductView> {
    return this.call(caller, { operation: 'products.get-by-slug', method: 'GET', path: `${PRODUCTS}/by-slug/${encodeURIComponent(slug)}` });
  }

  create(caller: GatewayCaller, body: CreateProductRequest): Promise<ProductView> {
    return this.call(caller, { operation: 'products.create', method: 'POST', path: PRODUCTS, body });
  }

  update(caller: GatewayCaller, productId: string, changes: DesignChanges): Promise<ProductView> {
    return this.call(caller, { operation: 'products.update', method: 'PATCH', path: productPath(productId), body: changes });
  }

  publish(caller: GatewayCaller, productId: string): Promise<ProductView> {
    return this.call(caller, { operation: 'products.publish', method: 'POST', path: productPath(productId, 'publish') });
  }

  withdraw(caller: GatewayCaller, productId: string): Promise<ProductView> {
    return this.call(caller, { operation: 'products.withdraw', method: 'POST', path: productPath(productId, 'withdraw') });
  }

  reject(caller: GatewayCaller, productId: string, body: RejectProductRequest): Promise<ProductView> {
    return this.call(caller, { operation: 'products.reject', method: 'POST', path: productPath(productId, 'reject'), body });
  }

  /** `{}` copies the design as it is. */
  remix(caller: GatewayCaller, productId: string, changes: DesignChanges): Promise<ProductView> {
    return this.call(caller, { operation: 'products.remix', method: 'POST', path: productPath(productId, 'remix'), body: changes });
  }

  vote(caller: GatewayCaller, productId: string): Promise<VoteReply> {
    return this.call(caller, { operation: 'products.vote', method: 'POST', path: productPath(productId, 'vote') });
  }

  /** The caller's own designs: products reads the creator from the forwarded token. */
  mine(caller: GatewayCaller, { status, sort, limit, cursor }: MyProductsRequest): Promise<ProductPage> {
    return this.call(caller, {
      operation: 'products.mine',
      method: 'GET',
      path: '/internal/v1/creators/me/products',
      query: { status, sort, limit, cursor },
    });
  }

  /** Any signed-in user but its creator; flagging again answers the first flag. */
  flag(caller: GatewayCaller, productId: string, body: FlagProductRequest): Promise<FlagView> {
    return this.call(caller, { operation: 'products.flag', method: 'POST', path: productPath(productId, 'flag'), body });
  }

  /** Operators: designs with open flags, most flagged first. */
  moderationQueue(caller: GatewayCaller, { limit, cursor }: ModerationQueueRequest): Promise<ModerationQueuePage> {
    return this.call(caller, { operation: 'products.moderation-queue', method: 'GET', path: MODERATION, query: { limit, cursor } });
  }

  dismissFlags(caller: GatewayCaller, productId: string): Promise<ProductView> {
    return this.call(caller, {
      operation: 'products.dismiss-flags',
      method: 'POST',
      path: `${MODERATION}/${encodeURIComponent(productId)}/dismiss`,
    });
  }
}
