/** Summaries and printing shared by the benchmarks. */

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of values sorted ascending; `p` in 0..100. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1];
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    mean: sorted.length ? total / sorted.length : Number.NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

/** Events per second for `count` events over `elapsedMs`. */
export function perSecond(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : Number.NaN;
}

export interface Figure {
  label: string;
  value: number;
  unit: string;
}

export function latencyFigures(label: string, summary: LatencySummary): Figure[] {
  return [
    { label: `${label} p50`, value: summary.p50, unit: 'ms' },
    { label: `${label} p99`, value: summary.p99, unit: 'ms' },
    { label: `${label} max`, value: summary.max, unit: 'ms' },
  ];
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100 || Number.isInteger(value)) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value < 10 ? 2 : 1);
}

/** Prints a titled, aligned block of figures. */
export function printFigures(title: string, figures: Figure[], write: (line: string) => void = console.log): void {
  const width = Math.max(...figures.map((f) => f.label.length), 10);
  write(`\n${title}`);
  write('-'.repeat(title.length));
  for (const figure of figures) {
    write(`  ${figure.label.padEnd(width)}  ${formatValue(figure.value).padStart(10)} ${figure.unit}`);
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `done` every few milliseconds until it is true; fails after `timeoutMs`, naming `what`. */
export async function waitUntil(done: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await sleep(5);
  }
}

/**
 * Runs `tick` every `intervalMs` for `durationMs`, catching up when a tick ran late, so a paced
 * load keeps its rate. Returns how many ticks ran.
 */
export async function paced(durationMs: number, intervalMs: number, tick: (index: number) => Promise<void> | void): Promise<number> {
  const started = Date.now();
  const pending: Promise<void>[] = [];
  let index = 0;
  while (Date.now() - started < durationMs) {
    const due = started + index * intervalMs;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    pending.push(Promise.resolve(tick(index)));
    index += 1;
  }
  await Promise.all(pending);
  return index;
}
