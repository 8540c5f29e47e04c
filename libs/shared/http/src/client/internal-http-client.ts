import { context, propagation, SpanKind } from '@opentelemetry/api';
import { CORRELATION_HEADER, histogram, inSpan, secondsSince } from '@mogul/observability';
import { Readable } from 'node:stream';
import { Dispatcher, errors, Pool } from 'undici';
import { ProblemDetails } from '../problem-details';
import { ServiceProblemError, ServiceTimeoutError, ServiceUnavailableError } from './errors';

export interface InternalHttpClientOptions {
  /** The service's name, for errors, spans and metrics. */
  service: string;
  /** e.g. `http://orders:3004`. */
  baseUrl: string;
  /** How long a call may take before it fails with `ServiceTimeoutError`. */
  timeoutMs: number;
  /** Keep-alive connections to the service. */
  connections?: number;
  /**
   * Connections for streams (`stream`), apart from the calls' so that long-lived streams never
   * hold back a call. Unlimited when absent: each open stream is one connection, and a limit would
   * only queue new streams behind ones that do not end.
   */
  streamConnections?: number;
}

/** Who a call is made for and how to find it in the logs. */
export interface ForwardedCaller {
  /** The bearer token the service verifies: the user's access token, or the gateway's own. */
  credentials: string;
  correlationId: string;
}

export type QueryValue = string | number | boolean | undefined | null;

export interface ServiceCall {
  /** Names the call in spans and metrics, e.g. `orders.place`. */
  operation: string;
  method: Dispatcher.HttpMethod;
  path: string;
  query?: Record<string, QueryValue>;
  /** Request headers of the operation itself, e.g. `idempotency-key`. */
  headers?: Record<string, string>;
  body?: unknown;
  caller: ForwardedCaller;
}

/** A call whose answer is a stream of events rather than one document. */
export interface StreamCall extends Omit<ServiceCall, 'body'> {
  /** Aborting it (the client went away) closes the stream. */
  signal: AbortSignal;
  /**
   * The longest silence the stream may keep once it started, e.g. a few of the service's
   * heartbeats, to notice a service that died without closing the connection. None when absent.
   */
  idleTimeoutMs?: number;
}

/** A stream the service started: its status and media type, and the body, read as it comes. */
export interface ServiceStream {
  status: number;
  contentType: string | undefined;
  body: Readable;
}

const TRACER = '@mogul/http';

const callDuration = () =>
  histogram(
    'internal_http_client_duration_seconds',
    'Calls from the gateway to a service, by service, operation and outcome (HTTP status or error)',
    ['service', 'operation', 'outcome'],
    [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );

/** Errors that mean nobody answered: the service is down, restarting or not there. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ETIMEDOUT']);

function pathWithQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null) params.append(name, String(value));
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

function asProblem(text: string): ProblemDetails | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as ProblemDetails).status === 'number'
      ? (parsed as ProblemDetails)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls one service's internal API over a pool of keep-alive connections. Each call has a
 * deadline (`ServiceTimeoutError`), nothing is retried (a write must not happen twice; the caller
 * decides), a service that cannot be reached is `ServiceUnavailableError`, and a failure the
 * service answered is `ServiceProblemError` with the service's own problem document. The call
 * carries the caller's credentials, the correlation id and the trace context.
 */
export class InternalHttpClient {
  private readonly pool: Pool;
  private streamPool?: Pool;
  private readonly duration = callDuration();

  constructor(private readonly options: InternalHttpClientOptions) {
    this.pool = new Pool(options.baseUrl, {
      connections: options.connections ?? 64,
      pipelining: 1,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: Math.min(options.timeoutMs, 2_000),
    });
  }

  get service(): string {
    return this.options.service;
  }

  async call<T>(call: ServiceCall): Promise<T> {
    const result = await this.measured(call, () => this.send<T>(call));
    return result.value;
  }

  /**
   * Opens a stream (e.g. server-sent events): the service must start answering within the call
   * deadline, after which the body has no deadline, only `idleTimeoutMs` if given; it ends when the
   * service ends it or `signal` aborts. A failure answered before the stream started is a
   * `ServiceProblemError`, as for `call`. Its metric and span time the opening only.
   */
  async stream(call: StreamCall): Promise<ServiceStream> {
    const result = await this.measured(call, () => this.open(call));
    return result.value;
  }

  private async measured<T>(call: Pick<ServiceCall, 'method' | 'operation'>, send: () => Promise<{ status: number; value: T }>) {
    const started = process.hrtime.bigint();
    let outcome = 'error';
    try {
      const result = await inSpan(TRACER, `${call.method} ${call.operation}`, { kind: SpanKind.CLIENT }, send);
      outcome = String(result.status);
      return result;
    } catch (error) {
      if (error instanceof ServiceProblemError) outcome = String(error.status);
      else if (error instanceof ServiceTimeoutError) outcome = 'timeout';
      else if (error instanceof ServiceUnavailableError) outcome = 'unavailable';
      throw error;
    } finally {
      this.duration.observe({ service: this.options.service, operation: call.operation, outcome }, secondsSince(started));
    }
  }

  private headersOf(call: Pick<ServiceCall, 'headers' | 'caller'>, accept: string): Record<string, string> {
    const headers: Record<string, string> = {
      ...call.headers,
      authorization: `Bearer ${call.caller.credentials}`,
      [CORRELATION_HEADER]: call.caller.correlationId,
      accept,
    };
    propagation.inject(context.active(), headers);
    return headers;
  }

  private async open(call: StreamCall): Promise<{ status: number; value: ServiceStream }> {
    this.streamPool ??= new Pool(this.options.baseUrl, {
      connections: this.options.streamConnections ?? null,
      pipelining: 1,
      connectTimeout: Math.min(this.options.timeoutMs, 2_000),
    });
    let response: Dispatcher.ResponseData;
    try {
      response = await this.streamPool.request({
        method: call.method,
        path: pathWithQuery(call.path, call.query),
        headers: this.headersOf(call, call.headers?.accept ?? '*/*'),
        signal: call.signal,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: call.idleTimeoutMs ?? 0,
      });
    } catch (error) {
      throw this.transportError(error);
    }
    if (response.statusCode >= 200 && response.statusCode < 300) {
      const contentType = response.headers['content-type'];
      return {
        status: response.statusCode,
        value: { status: response.statusCode, contentType: typeof contentType === 'string' ? contentType : undefined, body: response.body },
      };
    }
    let text = '';
    try {
      text = await response.body.text();
    } catch (error) {
      throw this.transportError(error);
    }
    throw new ServiceProblemError(this.options.service, response.statusCode, asProblem(text));
  }

  private async send<T>(call: ServiceCall): Promise<{ status: number; value: T }> {
    const headers = this.headersOf(call, 'application/json');
    let body: string | undefined;
    if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    let response: Dispatcher.ResponseData;
    try {
      response = await this.pool.request({ method: call.method, path: pathWithQuery(call.path, call.query), headers, body });
    } catch (error) {
      throw this.transportError(error);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw this.transportError(error);
    }
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return { status: response.statusCode, value: (text === '' ? undefined : JSON.parse(text)) as T };
    }
    throw new ServiceProblemError(this.options.service, response.statusCode, asProblem(text));
  }

  private transportError(error: unknown): Error {
    if (error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) {
      return new ServiceTimeoutError(this.options.service, this.options.timeoutMs);
    }
    const code = (error as { code?: unknown }).code;
    if (
      error instanceof errors.SocketError ||
      error instanceof errors.ConnectTimeoutError ||
      error instanceof errors.ClientClosedError ||
      (typeof code === 'string' && UNREACHABLE.has(code))
    ) {
      return new ServiceUnavailableError(this.options.service, error);
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  async close(): Promise<void> {
    // Streams still open are cut: close() would wait for them to end.
    await Promise.all([this.pool.close(), this.streamPool?.destroy()]);
  }
}
