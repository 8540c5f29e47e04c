import { OrderStatus } from '@mogul/contracts';
import { minorUnits } from '@mogul/persistence';
import { Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { OrderLine } from './order-line.entity';

/** A shopper's order. Its status changes only through `OrderStateMachine`, guarded by `version`. */
@Entity('orders')
export class Order {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  shopperId: string;

  /** The checkout's key: at most one order per shopper and key, even if a claim is taken over. */
  @Column('text')
  idempotencyKey: string;

  @Column('text')
  status: OrderStatus;

  @Column('text')
  currency: string;

  @Column('bigint', { transformer: minorUnits })
  totalAmount: number;

  @Column('bigint', { transformer: minorUnits })
  refundedAmount: number;

  @Column('text', { nullable: true })
  paymentId: string | null;

  @Column('text', { nullable: true })
  paymentFailure: string | null;

  /** Optimistic lock: every transition writes `version + 1` where the version is still the one read. */
  @Column('integer')
  version: number;

  @Column('timestamptz')
  placedAt: Date;

  @Column('timestamptz', { nullable: true })
  paidAt: Date | null;

  @Column('timestamptz', { nullable: true })
  fulfilledAt: Date | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('timestamptz')
  updatedAt: Date;

  @OneToMany(() => OrderLine, (line) => line.order)
  lines: OrderLine[];
}
