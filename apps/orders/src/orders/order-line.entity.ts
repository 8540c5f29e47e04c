import { Money, OrderLineSnapshotV1 } from '@mogul/contracts';
import { minorUnits } from '@mogul/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PricedLine } from './pricing';

/**
 * One line, with the price and royalty split as they were when the order was placed. Part of the
 * `Order` aggregate: it changes only through the order's methods, and knows its order by id only.
 */
@Entity('order_lines')
export class OrderLine {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  orderId: string;

  /** The line's place in the request, so that lines read back in the order they were sent. */
  @Column('integer')
  position: number;

  @Column('uuid')
  productId: string;

  @Column('text')
  productName: string;

  @Column('uuid')
  listingId: string;

  @Column('uuid')
  merchantId: string;

  @Column('integer')
  quantity: number;

  @Column('bigint', { transformer: minorUnits })
  unitPriceAmount: number;

  @Column('bigint', { transformer: minorUnits })
  royaltyAmount: number;

  @Column('text')
  currency: string;

  @Column('uuid')
  creatorId: string;

  @Column('uuid', { nullable: true })
  parentCreatorId: string | null;

  @Column('integer', { nullable: true })
  parentShareBps: number | null;

  @Column('timestamptz', { nullable: true })
  refundedAt: Date | null;

  /** A new line of the order, at its place in the request, not refunded. */
  static priced(id: string, orderId: string, position: number, priced: PricedLine): OrderLine {
    return Object.assign(new OrderLine(), { ...priced, id, orderId, position, refundedAt: null });
  }

  /** Neither refunded on its own nor with the order's cancellation. */
  isOpen(): boolean {
    return this.refundedAt === null;
  }

  lineTotal(): Money {
    return { amount: this.unitPriceAmount * this.quantity, currency: this.currency };
  }

  snapshot(): OrderLineSnapshotV1 {
    return {
      lineId: this.id,
      productId: this.productId,
      listingId: this.listingId,
      quantity: this.quantity,
      unitPrice: { amount: this.unitPriceAmount, currency: this.currency },
      royaltyPerUnit: { amount: this.royaltyAmount, currency: this.currency },
      creatorId: this.creatorId,
      parentCreatorId: this.parentCreatorId,
      parentShareBps: this.parentShareBps,
    };
  }
}
