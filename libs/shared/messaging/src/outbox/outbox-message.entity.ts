import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EventEnvelope } from '@mogul/contracts';

/**
 * An event waiting to be published (or already published, until purged). Written in the same
 * transaction as the state change that caused it; `OutboxRelay` publishes it and sets `sentAt`.
 * Columns are named explicitly so the table does not depend on a naming strategy.
 */
@Entity({ name: 'outbox_message' })
@Index('outbox_message_unsent', ['position'], { where: 'sent_at IS NULL' })
export class OutboxMessage {
  /** The event id. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /**
   * Publication order, assigned by the database at insert. Ids are random and timestamps tie
   * within a transaction, so neither can order two events of one aggregate.
   */
  @Column({ type: 'bigint', insert: false, update: false })
  position: string;

  @Column({ type: 'text' })
  topic: string;

  /** The aggregate id: the Kafka key, so one aggregate's events share a partition. */
  @Column({ name: 'message_key', type: 'text' })
  messageKey: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ type: 'json' })
  envelope: EventEnvelope;

  @Column({ type: 'json', default: () => "'{}'" })
  headers: Record<string, string>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}

/** The channel the outbox insert trigger notifies, so a relay can wake at once. */
export const OUTBOX_NOTIFY_CHANNEL = 'outbox_message';
