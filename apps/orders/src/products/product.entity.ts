import { ProductStateV1, ProductStatus } from '@mogul/contracts';
import { minorUnits } from '@mogul/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Orders' projection of a design, kept from `products.product.*` events: what a line is priced
 * from at checkout. Never written by requests.
 */
@Entity('products')
export class Product {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  listingId: string;

  @Column('uuid')
  merchantId: string;

  @Column('uuid')
  creatorId: string;

  @Column('text')
  name: string;

  @Column('text')
  status: ProductStatus;

  @Column('boolean')
  orderable: boolean;

  /** False once the listing changed so that the design no longer satisfies its terms. */
  @Column('boolean')
  fitsListing: boolean;

  /** True while reports of it await an operator's decision: it cannot be ordered then. */
  @Column('boolean')
  hidden: boolean;

  @Column('bigint', { transformer: minorUnits })
  unitPriceAmount: number;

  @Column('bigint', { transformer: minorUnits })
  royaltyAmount: number;

  @Column('text')
  currency: string;

  @Column('uuid', { nullable: true })
  parentCreatorId: string | null;

  @Column('integer', { nullable: true })
  parentShareBps: number | null;

  /** The design's own version: an event carrying an older one is ignored. */
  @Column('integer')
  version: number;

  @Column('timestamptz')
  updatedAt: Date;

  static fromState(state: ProductStateV1): Product {
    const product = new Product();
    product.id = state.productId;
    product.listingId = state.listingId;
    product.merchantId = state.merchantId;
    product.creatorId = state.creatorId;
    product.name = state.name;
    product.status = state.status;
    product.orderable = state.orderable;
    product.fitsListing = state.fitsListing ?? true;
    product.hidden = state.hidden ?? false;
    product.unitPriceAmount = state.unitPrice.amount;
    product.royaltyAmount = state.royaltyPerUnit.amount;
    product.currency = state.unitPrice.currency;
    product.parentCreatorId = state.parentCreatorId;
    product.parentShareBps = state.parentShareBps;
    product.version = state.version;
    product.updatedAt = new Date(state.updatedAt);
    return product;
  }
}
