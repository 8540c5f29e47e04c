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
  const insert = outboxInsert(events, 1, options);
  await preparedQuery(manager, 'outbox.append', insert.sql, insert.params);
}

/** An outbox INSERT as SQL text and its parameters, numbered from `firstParam`. */
export interface OutboxInsert {
  sql: string;
  params: unknown[];
}

/**
 * The outbox rows of `events` as one INSERT, for a statement that writes them together with the
 * state change that caused them (e.g. as a data-modifying `WITH` of a single-statement write,
 * which is its own transaction): `onlyIf` is a SQL condition the rows are written under, such as
 * `EXISTS (SELECT 1 FROM new_order)`. One statement for the whole list keeps a busy writer to a
 * single round trip; the array order is the insert order, which the identity column turns into
 * publication order. Each event keeps the trace context of the work that caused it.
 */
export function outboxInsert(events: EventEnvelope[], firstParam: number, options: AppendOptions & { onlyIf?: string } = {}): OutboxInsert {
  const extra = { ...traceHeaders(), ...options.headers };
  const p = (offset: number) => `$${firstParam + offset}`;
  return {
    sql: `INSERT INTO outbox_message (id, topic, message_key, event_type, envelope, headers)
     SELECT id, topic, message_key, event_type, envelope::jsonb, headers::jsonb
     FROM unnest(${p(0)}::uuid[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::text[])
       WITH ORDINALITY AS e(id, topic, message_key, event_type, envelope, headers, ordinal)
     ${options.onlyIf ? `WHERE ${options.onlyIf}` : ''}
     ORDER BY ordinal`,
    params: [
      events.map((e) => e.id),
      events.map((e) => topicOf(e.type)),
      events.map((e) => e.aggregateId),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e)),
      events.map((e) => JSON.stringify(eventHeaders(e, extra))),
    ],
  };
}
