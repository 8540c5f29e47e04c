import { Column, Entity, PrimaryColumn } from 'typeorm';
import { StoredAnswer } from './stored-answer';

/**
 * A checkout's `Idempotency-Key`, scoped to the shopper: inserted before any work so that two
 * racing requests cannot both place an order; `reply` holds the first answer once there is one.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn('uuid')
  shopperId: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text')
  requestHash: string;

  /** The order this checkout places, chosen when the key is claimed. */
  @Column('uuid', { nullable: true })
  orderId: string | null;

  @Column('json', { nullable: true })
  reply: StoredAnswer | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;
}
