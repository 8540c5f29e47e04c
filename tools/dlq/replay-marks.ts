/**
 * What has been replayed from one partition of a dead-letter topic, kept as the committed offset of
 * the topic's replay consumer group: every offset below `next` is done (replayed, or passed over
 * because it already was), and `replayed` holds the offsets at or above `next` that were replayed
 * one by one. The second part travels in the commit's metadata, so the broker keeps both together.
 */
export interface ReplayMarks {
  /** null while nothing was ever committed for the partition. */
  next: bigint | null;
  replayed: Set<bigint>;
}

/** Kafka's default limit on offset commit metadata (offset.metadata.max.bytes). */
export const MAX_METADATA_BYTES = 4096;

export class TooManySingleReplaysError extends Error {
  constructor(partition: number) {
    super(
      `partition ${partition} has too many single replays ahead of the replayed range to record; ` +
        'replay the whole topic (--all) to close the gaps',
    );
  }
}

/** Reads a partition's marks from its committed offset (`-1` when none) and metadata. */
export function parseMarks(offset: string, metadata: string | null): ReplayMarks {
  const next = offset === '-1' || offset === '' ? null : BigInt(offset);
  let replayed: bigint[] = [];
  try {
    const parsed = metadata ? (JSON.parse(metadata) as { replayed?: unknown }) : {};
    if (Array.isArray(parsed.replayed)) replayed = parsed.replayed.map((o) => BigInt(String(o)));
  } catch {
    // Metadata written by something else: only the offset counts.
  }
  return { next, replayed: new Set(replayed.filter((o) => next === null || o >= next)) };
}

export function isReplayed(marks: ReplayMarks, offset: bigint): boolean {
  return (marks.next !== null && offset < marks.next) || marks.replayed.has(offset);
}

/**
 * Records one offset replayed on its own. `low` is where the partition starts (its earliest
 * offset), the floor of `next` when nothing was committed yet.
 */
export function markOne(marks: ReplayMarks, offset: bigint, low: bigint): ReplayMarks {
  return settle(marks.next ?? low, new Set(marks.replayed).add(offset));
}

/** Records that everything up to and including `offset` is done (a whole topic, in order). */
export function markThrough(marks: ReplayMarks, offset: bigint): ReplayMarks {
  return settle(offset + 1n, new Set(marks.replayed));
}

/** Moves `next` over the single replays that now join the done range, and forgets those below it. */
function settle(start: bigint, replayed: Set<bigint>): ReplayMarks {
  let next = start;
  while (replayed.delete(next)) next += 1n;
  for (const offset of replayed) if (offset < next) replayed.delete(offset);
  return { next, replayed };
}

/** The commit that stores the marks; throws when the metadata would not fit. */
export function encodeMarks(marks: ReplayMarks, partition: number): { offset: string; metadata: string | null } {
  if (marks.next === null) throw new Error('nothing to record');
  const replayed = [...marks.replayed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
  const metadata = replayed.length > 0 ? JSON.stringify({ replayed }) : null;
  if (metadata && Buffer.byteLength(metadata) > MAX_METADATA_BYTES) throw new TooManySingleReplaysError(partition);
  return { offset: marks.next.toString(), metadata };
}
