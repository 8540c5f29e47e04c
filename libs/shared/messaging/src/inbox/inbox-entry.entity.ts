import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An event a consumer has handled, written in the same transaction as the handler's effect, so a
 * redelivered event is recognised and skipped. Columns are named explicitly so the table does not
 * depend on a naming strategy.
 */
@Entity({ name: 'inbox_entry' })
export class InboxEntry {
  /** The consuming component: several consumers in one service each handle an event once. */
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'handled_at', type: 'timestamptz', default: () => 'now()' })
  handledAt: Date;
}
