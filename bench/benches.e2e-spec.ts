import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Every benchmark runs once at a tiny size so that none stops working unnoticed: the figures are
 * not checked, only that it runs to the end and prints each of its sections. One after another,
 * in this file only: they start the platform on fixed ports (3100–3105).
 */

const ROOT = join(__dirname, '..');

interface BenchRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `script` as `npm run bench:*` does, with only the `BENCH_*` settings given; kills it and
 * the services it started after `timeoutMs`.
 */
function runBench(script: string, env: Record<string, string>, timeoutMs: number): Promise<BenchRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('BENCH_')));
  const child = spawn(process.execPath, ['-r', join(ROOT, 'tools/register.js'), script], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a timeout also ends the services it spawned.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => {
    stderr += `\n[spec] no end after ${timeoutMs} ms: killed\n`;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function expectRunsThrough(script: string, env: Record<string, string>, headings: string[], timeoutMs = 100_000): Promise<void> {
  const run = await runBench(script, env, timeoutMs);
  if (run.code !== 0) throw new Error(`${script} exited with ${run.code}:\n${run.stderr.slice(-4000)}\n${run.stdout.slice(-2000)}`);
  const missing = headings.filter((heading) => !run.stdout.includes(heading));
  expect({ missing, stdout: missing.length ? run.stdout : '' }).toEqual({ missing: [], stdout: '' });
}

describe('benchmarks at a tiny size', () => {
  it('bench:orders runs through', async () => {
    await expectRunsThrough('bench/orders/run.ts', { BENCH_SECONDS: '1', BENCH_CONNECTIONS: '2', BENCH_RATE: '20', BENCH_SHOPPERS: '3' }, [
      '(a) raw PostgreSQL single-row INSERT',
      '(b) place and pay through the gateway, 2 connections; (d) CPU per order by process',
      '(c) place and pay at 20 orders/s offered, evenly spaced',
      '(e) SQL statements per order by database',
      '(f) the checkout against the ceiling (a) and the raw chain (g)',
      '(g) raw chain, 50 connections',
      '(h) the platform idle',
    ]);
  }, 110_000);

  it('bench:messaging runs through', async () => {
    await expectRunsThrough(
      'bench/messaging/run.ts',
      {
        BENCH_EVENTS: '200',
        BENCH_WRITERS: '2',
        BENCH_PACED_RATE: '100',
        BENCH_PACED_SECONDS: '1',
        BENCH_HTTP_SECONDS: '1',
        BENCH_HTTP_CONNECTIONS: '2',
      },
      ['(a) kafkajs produce -> consume', '(b) appendToOutbox', '(c) outbox path against the baseline', '(d) gateway -> identity over HTTP'],
    );
  }, 110_000);

  it('bench:payouts runs through', async () => {
    await expectRunsThrough(
      'bench/payouts/run.ts',
      {
        BENCH_SECONDS: '1',
        BENCH_RATE: '20',
        BENCH_PROBES: '1',
        BENCH_POLL_MS: '50',
        BENCH_SHOPPERS: '3',
        BENCH_LEDGER_LINES: '2000',
        BENCH_CREATORS: '200',
      },
      [
        '(a) freshness',
        '(b) freshness under',
        '(c) the same load',
        '(d) seeding',
        '(e) statement',
        '(f) baseline',
        '(g) payout run',
        '(h) baseline',
      ],
    );
  }, 110_000);

  // It kills the broker, payouts and orders under load and exits non-zero if a royalty is lost or doubled.
  it('bench:faults runs through', async () => {
    await expectRunsThrough(
      'bench/faults/run.ts',
      { BENCH_SECONDS: '12', BENCH_RATE: '20', BENCH_SHOPPERS: '3' },
      ['(a) faults, in turn, under the load', '(b) checkouts through the gateway', '(c) royalties reconciled'],
      170_000,
    );
  }, 180_000);
});
