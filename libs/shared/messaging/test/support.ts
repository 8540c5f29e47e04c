import { Kafka, KafkaMessage } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createServiceDataSource, runMigrations } from '@mogul/persistence';
import { createTestDatabase, TestDatabase, uniqueName } from '@mogul/testing';
import { messagingEntities, messagingMigrations } from '../src';

export interface MessagingDatabase {
  database: TestDatabase;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A fresh database with the messaging tables, plus whatever extra tables a spec needs. */
export async function messagingDatabase(prefix: string, extraSql: string[] = []): Promise<MessagingDatabase> {
  const database = await createTestDatabase(prefix);
  const dataSource = createServiceDataSource({
    url: database.url,
    service: prefix,
    entities: messagingEntities,
    migrations: messagingMigrations,
    poolSize: 10,
  });
  await dataSource.initialize();
  await runMigrations(dataSource);
  for (const sql of extraSql) await dataSource.query(sql);
  return {
    database,
    dataSource,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    },
  };
}

export interface ReceivedMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export interface TopicRecorder {
  messages: ReceivedMessage[];
  stop(): Promise<void>;
}

/** Records everything published to `topic`, from the beginning, as it arrives. */
export async function recordTopic(kafka: Kafka, topic: string): Promise<TopicRecorder> {
  const messages: ReceivedMessage[] = [];
  const consumer = kafka.consumer({ groupId: uniqueName('recorder'), maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      messages.push({
        partition,
        offset: message.offset,
        key: text(message.key),
        value: text(message.value),
        headers: headerTexts(message),
      });
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}

function text(value: Buffer | null): string | null {
  return value === null ? null : value.toString();
}

function headerTexts(message: KafkaMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = (Array.isArray(value) ? value[0] : value).toString();
  }
  return headers;
}

/** Deletes topics a spec created; the broker is shared, so specs clean up after themselves. */
export async function deleteTopics(kafka: Kafka, topics: string[]): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } catch {
    // A topic already gone is what we wanted.
  } finally {
    await admin.disconnect();
  }
}
