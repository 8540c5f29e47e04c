import { histogramSince, percentileBound, readHistogram, shareWithin } from './histogram';

const metrics = (counts: number[]) =>
  [
    '# HELP lag_seconds Lag',
    '# TYPE lag_seconds histogram',
    `lag_seconds_bucket{le="0.1",service="payouts"} ${counts[0]}`,
    `lag_seconds_bucket{le="1"} ${counts[1]}`,
    `lag_seconds_bucket{le="+Inf"} ${counts[2]}`,
    `lag_seconds_sum 12.5`,
    `lag_seconds_count{service="payouts"} ${counts[2]}`,
    `other_bucket{le="1"} 99`,
  ].join('\n');

describe('histogram snapshots', () => {
  const serve = (text: string) => jest.spyOn(global, 'fetch').mockResolvedValue(new Response(text));
  afterEach(() => jest.restoreAllMocks());

  it('reads the buckets of one histogram and what came between two reads', async () => {
    serve(metrics([2, 5, 6]));
    const before = await readHistogram('http://service/metrics', 'lag_seconds');
    expect(before).toEqual({
      buckets: [
        { le: 0.1, count: 2 },
        { le: 1, count: 5 },
        { le: Infinity, count: 6 },
      ],
      count: 6,
    });
    serve(metrics([52, 145, 106 + 100]));
    const since = histogramSince(before, await readHistogram('http://service/metrics', 'lag_seconds'));
    expect(since.count).toBe(200);
    expect(since.buckets.map((b) => b.count)).toEqual([50, 140, 200]);
    expect(percentileBound(since, 25)).toBe(0.1);
    expect(percentileBound(since, 50)).toBe(1);
    expect(percentileBound(since, 99)).toBe(Infinity);
    expect(shareWithin(since, 1)).toBe(70);
  });
});
