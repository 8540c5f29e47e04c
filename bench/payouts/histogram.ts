/** A Prometheus histogram as `/metrics` shows it: cumulative counts by upper bound (seconds). */
export interface HistogramSnapshot {
  buckets: { le: number; count: number }[];
  count: number;
}

/** Reads histogram `name` (one series: the service's default labels only) from a service's `/metrics`. */
export async function readHistogram(metricsUrl: string, name: string): Promise<HistogramSnapshot> {
  const text = await (await fetch(metricsUrl)).text();
  const buckets: { le: number; count: number }[] = [];
  let count = 0;
  for (const line of text.split('\n')) {
    const bucket = line.match(new RegExp(`^${name}_bucket\\{[^}]*\\ble="([^"]+)"[^}]*\\} (\\d+)`));
    if (bucket) buckets.push({ le: bucket[1] === '+Inf' ? Infinity : Number(bucket[1]), count: Number(bucket[2]) });
    const total = line.match(new RegExp(`^${name}_count(?:\\{[^}]*\\})? (\\d+)`));
    if (total) count = Number(total[1]);
  }
  return { buckets, count };
}

/** What was observed between two snapshots. */
export function histogramSince(before: HistogramSnapshot, after: HistogramSnapshot): HistogramSnapshot {
  return {
    buckets: after.buckets.map((b, i) => ({ le: b.le, count: b.count - (before.buckets[i]?.count ?? 0) })),
    count: after.count - before.count,
  };
}

/** The smallest bucket bound holding at least `p` % of the observations: an upper bound of the percentile. */
export function percentileBound(histogram: HistogramSnapshot, p: number): number {
  const wanted = (p / 100) * histogram.count;
  return histogram.buckets.find((b) => b.count >= wanted)?.le ?? Infinity;
}

/** The share of observations at or under `le` seconds (a bucket bound), in %. */
export function shareWithin(histogram: HistogramSnapshot, le: number): number {
  const bucket = histogram.buckets.find((b) => b.le === le);
  return histogram.count > 0 && bucket ? (100 * bucket.count) / histogram.count : Number.NaN;
}
