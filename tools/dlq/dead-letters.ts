import { randomBytes } from 'node:crypto';
import { Admin, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Headers } from '@mogul/contracts';
import { KAFKA_RETRY, producerConfig } from '@mogul/messaging';
import { encodeMarks, isReplayed, markOne, markThrough, parseMarks, ReplayMarks } from './replay-marks';

// Reads dead-letter topics (`<topic>.dlq`, written by the messaging library's IdempotentConsumer
// with the headers `mogul-dlq-*`) and replays their messages to the topic they came from. What
// was replayed is recorded per dead-letter topic as the committed offsets of the consumer group
// `mogul.dlq-replay.<dlq topic>` (see replay-marks.ts), so that nothing is replayed twice.

export const DLQ_SUFFIX = '.dlq';
/** Set on a replayed message: where in the dead-letter topic it came from. */
export const REPLAYED_FROM_HEADER = 'mogul-dlq-replayed-from';

const DLQ_HEADERS = [
  Headers.dlqError,
  Headers.dlqReason,
  Headers.dlqAttempts,
  Headers.dlqSourceTopic,
  Headers.dlqSourcePartition,
  Headers.dlqSourceOffset,
] as string[];

export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  eventId: string | null;
  eventType: string | null;
  correlationId: string | null;
  reason: string | null;
  error: string | null;
  attempts: number | null;
  source: { topic: string | null; partition: number | null; offset: string | null };
  /** Set when this is a replayed message that failed again: `<dlq topic>/<partition>/<offset>`. */
  replayedFrom: string | null;
  /** Replayed to its original topic already. */
  replayed: boolean;
}

export interface Replayed {
  topic: string;
  partition: number;
  offset: string;
  /** Where it went: the original topic, and the partition the broker put it on. */
  to: { topic: string; partition: number };
}

export interface ReplayResult {
  replayed: Replayed[];
  /** Offsets passed over because they had been replayed before. */
  alreadyReplayed: number;
}

export class DlqError extends Error {}

export function replayGroupOf(deadLetterTopic: string): string {
  return `mogul.dlq-replay.${deadLetterTopic}`;
}

export function originalTopicOf(deadLetterTopic: string): string {
  if (!deadLetterTopic.endsWith(DLQ_SUFFIX)) throw new DlqError(`${deadLetterTopic} is not a dead-letter topic (*${DLQ_SUFFIX})`);
  return deadLetterTopic.slice(0, -DLQ_SUFFIX.length);
}

interface PartitionState {
  partition: number;
  low: bigint;
  high: bigint;
  marks: ReplayMarks;
}

/** Operations on the dead-letter topics of one Kafka cluster. */
export class DeadLetters {
  constructor(
    private readonly kafka: Kafka,
    private readonly options: { timeoutMs?: number } = {},
  ) {}

  /** Every dead-letter topic on the cluster. */
  async topics(): Promise<string[]> {
    return this.withAdmin(async (admin) => (await admin.listTopics()).filter((topic) => topic.endsWith(DLQ_SUFFIX)).sort());
  }

  /** The messages of the topics (all dead-letter topics when none named), oldest first per partition. */
  async list(topics?: string[]): Promise<DeadLetter[]> {
    const names = topics && topics.length > 0 ? topics : await this.topics();
    const states = new Map<string, PartitionState[]>();
    for (const topic of names) states.set(topic, await this.partitionStates(topic));
    const ranges = [...states.entries()].flatMap(([topic, partitions]) =>
      partitions.filter((p) => p.high > p.low).map((p) => ({ topic, partition: p.partition, from: p.low, to: p.high })),
    );
    const letters: DeadLetter[] = [];
    // A group of its own that commits nothing, removed afterwards: reading changes no record.
    const groupId = `mogul.dlq-list.${randomBytes(6).toString('hex')}`;
    await this.readRanges(groupId, ranges, async (topic, partition, message) => {
      const marks = states.get(topic)?.find((p) => p.partition === partition)?.marks as ReplayMarks;
      letters.push(describe(topic, partition, message, isReplayed(marks, BigInt(message.offset))));
    });
    if (ranges.length > 0) await this.withAdmin((admin) => admin.deleteGroups([groupId]).catch(() => undefined));
    return letters.sort(
      (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
    );
  }

  /** Replays the message at one offset, unless it was replayed before. */
  async replayOne(topic: string, partition: number, offset: bigint): Promise<ReplayResult> {
    const target = originalTopicOf(topic);
    const state = (await this.partitionStates(topic)).find((p) => p.partition === partition);
    if (!state) throw new DlqError(`${topic} has no partition ${partition}`);
    if (offset < state.low || offset >= state.high) {
      throw new DlqError(`${topic} partition ${partition} has no message at offset ${offset} (it holds ${state.low}–${state.high - 1n})`);
    }
    if (isReplayed(state.marks, offset)) return { replayed: [], alreadyReplayed: 1 };
    await this.ensureNoOtherReplay(topic);
    const replayed: Replayed[] = [];
    await this.withProducer(async (producer) =>
      this.readRanges(replayGroupOf(topic), [{ topic, partition, from: offset, to: offset + 1n }], async (_t, _p, message, commit) => {
        replayed.push(await replay(producer, topic, partition, message, target));
        await commit(encodeMarks(markOne(state.marks, offset, state.low), partition));
      }),
    );
    return { replayed, alreadyReplayed: 0 };
  }

  /** Replays every message of the topic not replayed before, in order, up to its end when called. */
  async replayAll(topic: string): Promise<ReplayResult> {
    const target = originalTopicOf(topic);
    const states = await this.partitionStates(topic);
    // From the first offset not done; retention may have removed older ones.
    const ranges = states
      .map((p) => ({ topic, partition: p.partition, from: max(p.marks.next ?? p.low, p.low), to: p.high }))
      .filter((range) => range.from < range.to);
    const replayed: Replayed[] = [];
    if (ranges.length > 0) {
      await this.ensureNoOtherReplay(topic);
      const marks = new Map(states.map((p) => [p.partition, p.marks]));
      await this.withProducer(async (producer) =>
        this.readRanges(replayGroupOf(topic), ranges, async (_t, partition, message, commit) => {
          const before = marks.get(partition) as ReplayMarks;
          if (!isReplayed(before, BigInt(message.offset))) replayed.push(await replay(producer, topic, partition, message, target));
          const after = markThrough(before, BigInt(message.offset));
          marks.set(partition, after);
          await commit(encodeMarks(after, partition));
        }),
      );
    }
    // Everything the topic holds was replayed now or before.
    const held = states.reduce((sum, p) => sum + Number(p.high - p.low), 0);
    return { replayed, alreadyReplayed: held - replayed.length };
  }

  private async partitionStates(topic: string): Promise<PartitionState[]> {
    return this.withAdmin(async (admin) => {
      if (!(await admin.listTopics()).includes(topic)) throw new DlqError(`no topic ${topic}`);
      const offsets = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId: replayGroupOf(topic), topics: [topic] });
      return offsets
        .map(({ partition, low, high }) => {
          const mark = committed?.partitions.find((p) => p.partition === partition);
          return { partition, low: BigInt(low), high: BigInt(high), marks: parseMarks(mark?.offset ?? '-1', mark?.metadata ?? null) };
        })
        .sort((a, b) => a.partition - b.partition);
    });
  }

  /** Two replays of one topic at once would split its partitions between them: refuse the second. */
  private async ensureNoOtherReplay(topic: string): Promise<void> {
    const groupId = replayGroupOf(topic);
    const { groups } = await this.withAdmin((admin) => admin.describeGroups([groupId]));
    if ((groups[0]?.members.length ?? 0) > 0) throw new DlqError(`a replay of ${topic} is running already (consumer group ${groupId})`);
  }

  /**
   * Reads each range's messages once, in order per partition, as a member of the group. Stops when
   * every range is read; fails when a handler does, or after the timeout.
   */
  private async readRanges(groupId: string, ranges: Range[], handle: MessageHandler): Promise<void> {
    if (ranges.length === 0) return;
    const consumer = this.kafka.consumer({ groupId, retry: KAFKA_RETRY, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
    const pending = new Map(ranges.map((range) => [`${range.topic}:${range.partition}`, range]));
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...new Set(ranges.map((range) => range.topic))], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new DlqError(`gave up after ${timeoutMs} ms with ${[...pending.keys()].join(', ')} not read to the end`)),
          timeoutMs,
        );
        const finish = (error?: unknown) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        };
        consumer
          .run({
            autoCommit: false,
            eachBatchAutoResolve: false,
            eachBatch: async ({ batch, commitOffsetsIfNecessary, isRunning, isStale }) => {
              const key = `${batch.topic}:${batch.partition}`;
              const range = pending.get(key);
              if (!range) return;
              const commit = (at: { offset: string; metadata: string | null }) =>
                commitOffsetsIfNecessary({
                  topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, ...at }] }],
                } as Parameters<typeof commitOffsetsIfNecessary>[0]);
              try {
                for (const message of batch.messages) {
                  if (!isRunning() || isStale()) return;
                  const offset = BigInt(message.offset);
                  if (offset < range.from) continue;
                  if (offset >= range.to) break;
                  await handle(batch.topic, batch.partition, message, commit);
                }
              } catch (error) {
                pending.clear();
                finish(error);
                return;
              }
              if (BigInt(batch.lastOffset()) + 1n >= range.to) {
                pending.delete(key);
                if (pending.size === 0) finish();
              }
            },
          })
          .catch(reject);
        for (const range of ranges) consumer.seek({ topic: range.topic, partition: range.partition, offset: range.from.toString() });
      });
    } finally {
      await consumer.disconnect();
    }
  }

  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka.admin({ retry: KAFKA_RETRY });
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  }

  private async withProducer<T>(work: (producer: Producer) => Promise<T>): Promise<T> {
    const producer = this.kafka.producer(producerConfig());
    await producer.connect();
    try {
      return await work(producer);
    } finally {
      await producer.disconnect();
    }
  }
}

interface Range {
  topic: string;
  partition: number;
  from: bigint;
  /** Exclusive. */
  to: bigint;
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);

type MessageHandler = (
  topic: string,
  partition: number,
  message: KafkaMessage,
  commit: (at: { offset: string; metadata: string | null }) => Promise<void>,
) => Promise<void>;

/**
 * Sends the message back to its original topic as it first came: same key (so the same partition
 * and order as its aggregate's other events), same value, its original headers without the
 * dead-letter ones, plus where it was replayed from. Consumers that handled it already skip it by
 * its event id.
 */
async function replay(producer: Producer, topic: string, partition: number, message: KafkaMessage, target: string): Promise<Replayed> {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined && !DLQ_HEADERS.includes(name)) headers[name] = value;
  }
  headers[REPLAYED_FROM_HEADER] = `${topic}/${partition}/${message.offset}`;
  const sourcePartition = header(message.headers, Headers.dlqSourcePartition);
  const [sent] = await producer.send({
    topic: target,
    acks: -1,
    // Without a key the broker would pick any partition: keep the one it came from.
    messages: [{ key: message.key, value: message.value, headers, partition: message.key ? undefined : Number(sourcePartition ?? 0) }],
  });
  return { topic, partition, offset: message.offset, to: { topic: target, partition: sent.partition } };
}

function describe(topic: string, partition: number, message: KafkaMessage, replayed: boolean): DeadLetter {
  const text = (name: string) => header(message.headers, name);
  const number = (name: string) => (text(name) === null ? null : Number(text(name)));
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: new Date(Number(message.timestamp)).toISOString(),
    key: message.key?.toString() ?? null,
    eventId: text(Headers.eventId),
    eventType: text(Headers.eventType),
    correlationId: text(Headers.correlationId),
    reason: text(Headers.dlqReason),
    error: text(Headers.dlqError),
    attempts: number(Headers.dlqAttempts),
    source: { topic: text(Headers.dlqSourceTopic), partition: number(Headers.dlqSourcePartition), offset: text(Headers.dlqSourceOffset) },
    replayedFrom: text(REPLAYED_FROM_HEADER),
    replayed,
  };
}

function header(headers: IHeaders | undefined, name: string): string | null {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString();
}
