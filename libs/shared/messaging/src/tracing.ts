import { context, propagation, ROOT_CONTEXT, Span, SpanKind, TextMapGetter } from '@opentelemetry/api';
import { inSpan } from '@mogul/observability';
import { IHeaders } from 'kafkajs';
import { headerText } from './inbox/incoming-message';

/** The tracer name of the messaging library's spans. */
export const MESSAGING_TRACER = '@mogul/messaging';

const kafkaHeaders: TextMapGetter<IHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => headerText(carrier, key),
};

/** The trace context of the work at hand as message headers (W3C `traceparent`); empty outside a trace. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}

export interface MessageSpan {
  /** SERVER for a request answered, CONSUMER for an event handled. */
  kind: SpanKind;
  topic: string;
  headers: IHeaders | undefined;
  attributes?: Record<string, string | number>;
}

/**
 * Runs the handling of a Kafka message in a span (`process <topic>`) that continues the trace its
 * headers carry, so that what the handling sends (answers, events through the outbox) carries it on.
 */
export function inMessageSpan<T>(message: MessageSpan, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, message.headers ?? {}, kafkaHeaders);
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.name': 'process',
    'messaging.destination.name': message.topic,
    ...message.attributes,
  };
  return inSpan(MESSAGING_TRACER, `process ${message.topic}`, { kind: message.kind, attributes, parent }, work);
}
