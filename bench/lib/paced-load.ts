import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { LatencySummary, summarize } from './stats';

export interface PacedRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PacedLoadOptions {
  /** Origin of the server, e.g. http://127.0.0.1:3000. */
  origin: string;
  /** Requests offered per second, evenly spaced. */
  rate: number;
  seconds: number;
  /** Keep-alive connections; a request that finds them all busy waits for one (and that wait counts). */
  connections: number;
  /** The n-th request (from 0). */
  request: (n: number) => PacedRequest;
  /** A request unanswered after this long counts as an error. */
  timeoutMs?: number;
}

export interface PacedLoadResult {
  offered: number;
  /** 2xx answers per second, from the first request's due time to the last answer. */
  served: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** From each request's due time, not from when it went out (no coordinated omission). */
  latency: LatencySummary;
  elapsedMs: number;
}

/**
 * An open-loop load: request n is due at start + n / rate, whatever happened to the ones before,
 * and its latency runs from that due time to its answer. A server that falls behind shows it in
 * the latency and the served rate instead of slowing the load down. (autocannon's `overallRate`
 * sends each connection's quota for the second back to back when the second starts: bursts of the
 * whole rate at once, whose latency is that of full concurrency.)
 */
export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pool = new Pool(options.origin, {
    connections: options.connections,
    pipelining: 1,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let lastAnswer = 0;
  const answers: Promise<void>[] = [];

  const send = async (n: number, dueAt: number): Promise<void> => {
    try {
      const { method, path, headers, body } = options.request(n);
      const response = await pool.request({ method, path, headers, body });
      await response.body.dump();
      lastAnswer = performance.now();
      latencies.push(lastAnswer - dueAt);
      if (response.statusCode >= 200 && response.statusCode < 300) ok++;
      else non2xx++;
    } catch {
      lastAnswer = performance.now();
      errors++;
    }
  };

  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      for (; next < total && start + next * intervalMs <= now; next++) answers.push(send(next, start + next * intervalMs));
      if (next === total) resolve();
      else setTimeout(tick, Math.max(0, start + next * intervalMs - performance.now()));
    };
    tick();
  });
  await Promise.all(answers);
  await pool.close();
  const elapsedMs = Math.max(lastAnswer - start, options.seconds * 1000);
  return {
    offered: options.rate,
    served: (ok * 1000) / elapsedMs,
    ok,
    non2xx,
    errors,
    latency: summarize(latencies),
    elapsedMs,
  };
}
