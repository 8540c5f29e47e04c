import { EntityManager } from 'typeorm';
import { EventEnvelope, topicOf } from '@mogul/contracts';
import { traceHeaders } from '../tracing';
import { eventHeaders } from './event-headers';
import { preparedQuery } from '@mogul/persistence';

/**
 * `appendToOutbox` was called outside a transaction: the events could then be committed without
 * the state change that caused them, or the other way round.
 */
export class OutboxOutsideTransactionError extends Error {
  constructor() {
    super('appendToOutbox must be called with the EntityManager of an open transaction');
  }
}

export interface AppendOptions {
  /** Extra Kafka headers for every event (the trace context of the work at hand is added anyway). */
  headers?: Record<string, string>;
}

/**
 * Records events for publication in the caller's transaction. Call it with the manager of the
 * transaction that makes the state change, so that both commit or neither does. Each event keeps
 * the trace context of the work that caused it in its headers, and the relay publishes them so.
 */
export async function appendToOutbox(manager: EntityManager, events: EventEnvelope[], options: AppendOptions = {}): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) throw new OutboxOutsideTransactionError();
  if (events.length === 0) return;
  const insert = outboxRowsInsert(outboxRows(events, options), 1);
  await preparedQuery(manager, 'outbox.append', insert.sql, insert.params);
}

/** An outbox INSERT as SQL text and its parameters, numbered from `firstParam`. */
export interface OutboxInsert {
  sql: string;
  params: unknown[];
}

/** An event as its outbox row will hold it, headers included. */
export interface OutboxRow {
  id: string;
  topic: string;
  messageKey: string;
  eventType: string;
  envelope: string;
  headers: string;
}

/**
 * The outbox rows of `events`, each keeping the trace context of the work at hand in its headers:
 * call it in the context of the work that caused them, even when the rows are written later
 * together with other work's (see `outboxRowsInsert`).
 */
export function outboxRows(events: EventEnvelope[], options: AppendOptions = {}): OutboxRow[] {
  const extra = { ...traceHeaders(), ...options.headers };
  return events.map((e) => ({
    id: e.id,
    topic: topicOf(e.type),
    messageKey: e.aggregateId,
    eventType: e.type,
    envelope: JSON.stringify(e),
    headers: JSON.stringify(eventHeaders(e, extra)),
  }));
}

/**
 * Outbox rows as one INSERT, for a statement that writes them together with the state change that
 * caused them (e.g. as a data-modifying `WITH` of a single-statement write, which is its own
 * transaction): `where` is a SQL condition on each row `e` (columns `id`, `topic`, `message_key`,
 * `event_type`), such as `EXISTS (SELECT 1 FROM new_order)`. One statement for the whole list keeps
 * a busy writer to a single round trip; the array order is the insert order, which the identity
 * column turns into publication order.
 */
export function outboxRowsInsert(rows: OutboxRow[], firstParam: number, where?: string): OutboxInsert {
  const p = (offset: number) => `$${firstParam + offset}`;
  return {
    sql: `INSERT INTO outbox_message (id, topic, message_key, event_type, envelope, headers)
     SELECT id, topic, message_key, event_type, envelope::json, headers::json
     FROM unnest(${p(0)}::uuid[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::text[])
       WITH ORDINALITY AS e(id, topic, message_key, event_type, envelope, headers, ordinal)
     ${where ? `WHERE ${where}` : ''}
     ORDER BY ordinal`,
    params: [
      rows.map((r) => r.id),
      rows.map((r) => r.topic),
      rows.map((r) => r.messageKey),
      rows.map((r) => r.eventType),
      rows.map((r) => r.envelope),
      rows.map((r) => r.headers),
    ],
  };
}
