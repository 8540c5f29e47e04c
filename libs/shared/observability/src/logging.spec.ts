import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { traceLogFields } from './logging';
import { startTracing } from './tracing';

startTracing({ service: 'logging-spec' });

describe('traceLogFields', () => {
  it('names the trace a line is written in, and nothing outside one', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const inTrace = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });
    expect(context.with(inTrace, traceLogFields)).toEqual({ traceId });
    expect(traceLogFields()).toEqual({});
  });
});
