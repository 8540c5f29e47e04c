/**
 * Every domain event travels in this envelope. Consumers ignore fields they do not know, so a
 * producer may add payload fields without a new version; removing or changing one needs one.
 */
export interface EventEnvelope<TPayload = unknown, TType extends string = string> {
  id: string;
  type: TType;
  version: number;
  occurredAt: string;
  aggregateId: string;
  correlationId: string;
  causationId: string | null;
  payload: TPayload;
}

/** What a service says when it records an event; the envelope adds ids and time. */
export interface NewEvent<TPayload = unknown> {
  type: string;
  version: number;
  aggregateId: string;
  payload: TPayload;
}

export interface Causation {
  correlationId: string;
  causationId?: string | null;
}

export function envelope<TPayload>(event: NewEvent<TPayload>, cause: Causation, now: Date = new Date()): EventEnvelope<TPayload> {
  return {
    // The Web Crypto global (Node and browsers alike), so that the contracts load in the web app too.
    id: globalThis.crypto.randomUUID(),
    type: event.type,
    version: event.version,
    occurredAt: now.toISOString(),
    aggregateId: event.aggregateId,
    correlationId: cause.correlationId,
    causationId: cause.causationId ?? null,
    payload: event.payload,
  };
}

/** `orders.order.paid` is published on `orders.order`. */
export function topicOf(eventType: string): string {
  const parts = eventType.split('.');
  if (parts.length < 3) throw new Error(`event type "${eventType}" is not <service>.<aggregate>.<event>`);
  return `${parts[0]}.${parts[1]}`;
}

export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}

/** Kafka header names the platform sets on every message. */
export const Headers = {
  eventId: 'mogul-event-id',
  eventType: 'mogul-event-type',
  eventVersion: 'mogul-event-version',
  correlationId: 'mogul-correlation-id',
  causationId: 'mogul-causation-id',
  dlqError: 'mogul-dlq-error',
  dlqReason: 'mogul-dlq-reason',
  dlqAttempts: 'mogul-dlq-attempts',
  dlqSourceTopic: 'mogul-dlq-source-topic',
  dlqSourcePartition: 'mogul-dlq-source-partition',
  dlqSourceOffset: 'mogul-dlq-source-offset',
} as const;

/** Checks the shape of a parsed message; returns a reason when it is not an envelope. */
export function envelopeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'message is not a JSON object';
  const v = value as Record<string, unknown>;
  for (const field of ['id', 'type', 'occurredAt', 'aggregateId', 'correlationId'] as const) {
    if (typeof v[field] !== 'string' || v[field] === '') return `envelope field "${field}" is missing or not a string`;
  }
  if (!Number.isInteger(v.version) || (v.version as number) < 1) return 'envelope field "version" is missing or not a positive integer';
  if (!('payload' in v)) return 'envelope field "payload" is missing';
  return undefined;
}
