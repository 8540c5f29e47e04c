import { SpanKind } from '@opentelemetry/api';
import { startTracing } from '@mogul/observability';
import { inMessageSpan, traceHeaders } from './tracing';

// As in production without OTEL_EXPORTER_OTLP_ENDPOINT: the context flows, no span is recorded.
startTracing({ service: 'tracing-spec' });

describe('trace context without an exporter', () => {
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  it('passes the trace a message carries on, unchanged, to what its handling sends', async () => {
    const sent = await inMessageSpan(
      { kind: SpanKind.CONSUMER, topic: 'svc.thing', headers: { traceparent: Buffer.from(traceparent) } },
      async () => traceHeaders(),
    );
    expect(sent).toEqual({ traceparent });
  });

  it('adds no header outside a trace, or for a message without one', async () => {
    expect(traceHeaders()).toEqual({});
    expect(await inMessageSpan({ kind: SpanKind.SERVER, topic: 'svc.cmd', headers: undefined }, async () => traceHeaders())).toEqual({});
  });
});
