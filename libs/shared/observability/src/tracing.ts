import { INestApplication } from '@nestjs/common';
import {
  Attributes,
  context,
  Context,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
  TracerProvider,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  SpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';

export interface TracingOptions {
  /** The service's name (`service.name` of its spans). */
  service: string;
  /** OTLP/HTTP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`): spans go to `<endpoint>/v1/traces`. */
  otlpEndpoint?: string;
  /** Share of new traces recorded; a request whose caller recorded its trace is always recorded. */
  sampleRatio?: number;
  /** More processors, e.g. an in-memory exporter in a test. */
  spanProcessors?: SpanProcessor[];
}

let contextPassedOn = false;
let provider: BasicTracerProvider | undefined;

/**
 * Starts tracing for the process (once; later calls change nothing). The trace context always
 * flows, within the process (AsyncLocalStorage) and across HTTP and Kafka (W3C `traceparent`),
 * so a trace started by a caller reaches every event it leads to. Spans are only recorded when
 * there is somewhere to send them (an OTLP endpoint, or a processor given by a test); otherwise
 * every span is the API's non-recording one, which costs next to nothing.
 */
export function startTracing(options: TracingOptions): void {
  if (!contextPassedOn) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    contextPassedOn = true;
  }
  const processors = [...(options.spanProcessors ?? [])];
  if (options.otlpEndpoint) {
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` })));
  }
  if (provider || processors.length === 0) return;
  provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio ?? 1) }),
    spanProcessors: processors,
  });
  trace.setGlobalTracerProvider(provider as TracerProvider);
}

/** Sends the spans still buffered; call it last, when the process stops. */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
}

/**
 * Runs `work` in a new span, child of the span in `parent` (the active context by default), and
 * ends it when `work` settles; a failure marks the span as an error.
 */
export async function inSpan<T>(
  tracerName: string,
  name: string,
  options: { kind: SpanKind; attributes?: Attributes; parent?: Context },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = trace.getTracer(tracerName).startSpan(name, { kind: options.kind, attributes: options.attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}

const TRACER = '@mogul/observability';

interface TracedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  routeOptions?: { url?: string };
  traceSpan?: Span;
}

interface FastifyHooks {
  addHook(name: 'onRequest', hook: (request: TracedRequest, reply: unknown, done: () => void) => void): unknown;
  addHook(name: 'onResponse', hook: (request: TracedRequest, reply: { statusCode: number }, done: () => void) => void): unknown;
}

/**
 * A server span per HTTP request of a Fastify-based Nest application, continuing the caller's
 * trace when the request carries a `traceparent`, named by method and route pattern. The rest of
 * the request (body parsing, guards, the handler) runs in the span's context, so the calls and
 * events it causes carry the trace on: Fastify runs the later hooks from this hook's `done`, and
 * resumes after the body in the async context the request had then.
 */
export function traceHttpRequests(app: INestApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyHooks;
  const tracer = trace.getTracer(TRACER);
  fastify.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(
      `${request.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'http.route': route } },
      parent,
    );
    request.traceSpan = span;
    context.with(trace.setSpan(parent, span), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const span = request.traceSpan;
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}
