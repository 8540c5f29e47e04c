import { Kafka, logLevel, LogEntry, Partitioners, ProducerConfig, RetryOptions } from 'kafkajs';
import { deadLetterTopicOf } from '@mogul/contracts';
import { preventIdleKafkaPolling } from '@mogul/observability';
import { MessagingLogger } from './logger';

/** The default number of partitions per topic (the platform's design default). */
export const DEFAULT_PARTITIONS = 6;

/**
 * Retries for every kafkajs call: quick first retries so a leader election costs little, and
 * about half a minute in total so a broker restart is ridden out rather than surfaced as an error.
 */
export const KAFKA_RETRY: RetryOptions = { initialRetryTime: 100, maxRetryTime: 5_000, retries: 10, multiplier: 2, factor: 0.2 };

export type KafkaLogLevel = 'error' | 'warn' | 'info' | 'debug';

export interface CreateKafkaOptions {
  clientId: string;
  brokers: string[];
  /** Where kafkajs's own logs go; they are dropped when absent. */
  logger?: MessagingLogger;
  /** The lowest kafkajs level forwarded to `logger`; kafkajs is chatty below `warn`. */
  logLevel?: KafkaLogLevel;
}

const kafkaLevels: Record<KafkaLogLevel, logLevel> = {
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

export function createKafka(options: CreateKafkaOptions): Kafka {
  const { logger } = options;
  preventIdleKafkaPolling();
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    retry: KAFKA_RETRY,
    logLevel: logger ? kafkaLevels[options.logLevel ?? 'warn'] : logLevel.NOTHING,
    logCreator: () => (entry: LogEntry) => {
      if (!logger) return;
      const { message, timestamp: _timestamp, logger: _name, ...fields } = entry.log;
      const line = `kafkajs ${entry.namespace}: ${message}`;
      const context = { clientId: options.clientId, ...fields };
      if (entry.level <= logLevel.ERROR) logger.error(line, context);
      else if (entry.level === logLevel.WARN) logger.warn(line, context);
      else if (entry.level === logLevel.INFO) logger.info(line, context);
      else logger.debug(line, context);
    },
  });
}

/**
 * Producer settings for the platform's publishers. The idempotent producer lets the broker drop
 * the duplicates its own retries would otherwise write; one request in flight keeps the order of
 * a key's messages across those retries.
 */
export function producerConfig(overrides: ProducerConfig = {}): ProducerConfig {
  return {
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: KAFKA_RETRY,
    ...overrides,
  };
}

/** The topics named plus a dead-letter topic for each, without duplicates. */
export function withDeadLetterTopics(topics: string[]): string[] {
  const all = new Set<string>();
  for (const topic of topics) {
    all.add(topic);
    if (!topic.endsWith('.dlq')) all.add(deadLetterTopicOf(topic));
  }
  return [...all];
}

export interface EnsureTopicsOptions {
  partitions?: number;
  /** Also create `<topic>.dlq` for every topic (true by default; a raw topic no consumer of ours reads needs none). */
  deadLetters?: boolean;
  /** -1 takes the broker's default. */
  replicationFactor?: number;
  /** How long to wait for every partition to have a leader. */
  timeoutMs?: number;
}

/** A topic did not get leaders for all of its partitions in time. */
export class TopicsNotReadyError extends Error {
  constructor(
    readonly topics: string[],
    timeoutMs: number,
  ) {
    super(`topics without a leader after ${timeoutMs} ms: ${topics.join(', ')}`);
  }
}

/**
 * Creates the topics that do not exist yet and waits until every partition has a leader, so a
 * producer or consumer started right after never meets an unknown topic. Safe to call from
 * several services at once: a topic another caller created meanwhile counts as created.
 * Returns the topics it created.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], options: EnsureTopicsOptions = {}): Promise<string[]> {
  const wanted = options.deadLetters === false ? [...new Set(topics)] : withDeadLetterTopics(topics);
  if (wanted.length === 0) return [];
  const timeoutMs = options.timeoutMs ?? 30_000;
  const admin = kafka.admin({ retry: KAFKA_RETRY });
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((topic) => ({
          topic,
          numPartitions: options.partitions ?? DEFAULT_PARTITIONS,
          replicationFactor: options.replicationFactor ?? -1,
        })),
        waitForLeaders: false,
      });
    }
    await waitForLeaders(admin, wanted, timeoutMs);
    return missing;
  } finally {
    await admin.disconnect();
  }
}

async function waitForLeaders(admin: ReturnType<Kafka['admin']>, topics: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let waiting = topics;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: waiting });
      waiting = metadata
        .filter((topic) => topic.partitions.length === 0 || topic.partitions.some((p) => p.leader < 0))
        .map((topic) => topic.name);
    } catch {
      // A topic created a moment ago may not be in the metadata yet: ask again.
    }
    if (waiting.length === 0) return;
    if (Date.now() > deadline) throw new TopicsNotReadyError(waiting, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
