import { context, propagation, SpanKind } from '@opentelemetry/api';
import { CORRELATION_HEADER, histogram, inSpan, secondsSince } from '@mogul/observability';
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
    const started = process.hrtime.bigint();
    let outcome = 'error';
    try {
      const result = await inSpan(TRACER, `${call.method} ${call.operation}`, { kind: SpanKind.CLIENT }, () => this.send<T>(call));
      outcome = String(result.status);
      return result.value;
    } catch (error) {
      if (error instanceof ServiceProblemError) outcome = String(error.status);
      else if (error instanceof ServiceTimeoutError) outcome = 'timeout';
      else if (error instanceof ServiceUnavailableError) outcome = 'unavailable';
      throw error;
    } finally {
      this.duration.observe({ service: this.options.service, operation: call.operation, outcome }, secondsSince(started));
    }
  }

  private async send<T>(call: ServiceCall): Promise<{ status: number; value: T }> {
    const headers: Record<string, string> = {
      ...call.headers,
      authorization: `Bearer ${call.caller.credentials}`,
      [CORRELATION_HEADER]: call.caller.correlationId,
      accept: 'application/json',
    };
    propagation.inject(context.active(), headers);
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
    await this.pool.close();
  }
}
