import { EntityManager } from 'typeorm';
import { EventEnvelope, topicOf } from '@mogul/contracts';
import { traceHeaders } from '../tracing';
import { eventHeaders } from './event-headers';

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
  const extra = { ...traceHeaders(), ...options.headers };
  // One statement for the whole list keeps a busy writer to a single round trip; the array order
  // is the insert order, which the identity column turns into publication order.
  await manager.query(
    `INSERT INTO outbox_message (id, topic, message_key, event_type, envelope, headers)
     SELECT id, topic, message_key, event_type, envelope::jsonb, headers::jsonb
     FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       WITH ORDINALITY AS e(id, topic, message_key, event_type, envelope, headers, ordinal)
     ORDER BY ordinal`,
    [
      events.map((e) => e.id),
      events.map((e) => topicOf(e.type)),
      events.map((e) => e.aggregateId),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e)),
      events.map((e) => JSON.stringify(eventHeaders(e, extra))),
    ],
  );
}
