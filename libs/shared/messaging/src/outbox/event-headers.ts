import { EventEnvelope, Headers } from '@mogul/contracts';

/** The Kafka headers every published event carries, so a consumer can route and trace it unparsed. */
export function eventHeaders(event: EventEnvelope, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = {
    ...extra,
    [Headers.eventId]: event.id,
    [Headers.eventType]: event.type,
    [Headers.eventVersion]: String(event.version),
    [Headers.correlationId]: event.correlationId,
  };
  if (event.causationId) headers[Headers.causationId] = event.causationId;
  return headers;
}
