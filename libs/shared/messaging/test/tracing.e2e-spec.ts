import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Kafka } from 'kafkajs';
import { envelope, EventEnvelope } from '@mogul/contracts';
import { inSpan, startTracing } from '@mogul/observability';
import { eventually, testBrokers, uniqueName } from '@mogul/testing';
import { appendToOutbox, createKafka, ensureTopics, IdempotentConsumer, OutboxRelay } from '../src';
import { deleteTopics, messagingDatabase, MessagingDatabase, recordTopic, TopicRecorder } from './support';

const spans = new InMemorySpanExporter();
startTracing({ service: 'messaging-tracing-spec', spanProcessors: [new SimpleSpanProcessor(spans)] });

const TRACE_PARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

/** The trace context an event travels with: the outbox row's headers, published as Kafka headers. */
describe('trace context through the outbox and the idempotent consumer', () => {
  let db: MessagingDatabase;
  let kafka: Kafka;
  let relay: OutboxRelay;
  let consumer: IdempotentConsumer;
  let recorder: TopicRecorder;
  const topics: string[] = [];

  beforeAll(async () => {
    db = await messagingDatabase('messaging_tracing');
    kafka = createKafka({ clientId: 'messaging-tracing-spec', brokers: testBrokers() });
  });

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await recorder?.stop();
    await db.close();
    await deleteTopics(kafka, topics);
  });

  it('continues the trace of the work that wrote an event in the consumer that handles it, and in the events that causes', async () => {
    const service = uniqueName('traced');
    const [first, second] = [`${service}.first`, `${service}.second`];
    topics.push(...(await ensureTopics(kafka, [first, second], { partitions: 2 })));
    recorder = await recordTopic(kafka, second);
    relay = new OutboxRelay({ dataSource: db.dataSource, kafka, pollIntervalMs: 20 });
    await relay.start();
    const seen: { traceId: string; spanId: string }[] = [];
    consumer = new IdempotentConsumer({
      kafka,
      dataSource: db.dataSource,
      groupId: uniqueName('traced-group'),
      topics: [first],
      createTopics: false,
      handler: async (event, manager, context) => {
        const active = trace.getActiveSpan()?.spanContext();
        if (active) seen.push({ traceId: active.traceId, spanId: active.spanId });
        const next = envelope({ type: `${second}.followed`, version: 1, aggregateId: event.aggregateId, payload: {} }, context.cause);
        await appendToOutbox(manager, [next]);
      },
    });
    await consumer.start();

    // The work that writes the first event runs in a span of a trace of its own.
    const origin = await inSpan('spec', 'place the thing', { kind: SpanKind.SERVER }, async (span) => {
      const event = envelope({ type: `${first}.happened`, version: 1, aggregateId: 'agg-1', payload: {} }, { correlationId: 'corr-1' });
      await db.dataSource.transaction((manager) => appendToOutbox(manager, [event]));
      return span.spanContext();
    });

    // The consumer handled it in a span of that trace, child of the span that wrote it.
    await eventually(() => seen[0], 15_000, 'the event handled');
    expect(seen[0].traceId).toBe(origin.traceId);
    const handling = spans.getFinishedSpans().find((s) => s.spanContext().spanId === seen[0].spanId);
    expect(handling).toMatchObject({ name: `process ${first}`, kind: SpanKind.CONSUMER });
    expect(handling?.parentSpanContext?.spanId).toBe(origin.spanId);
    expect(handling?.attributes).toMatchObject({ 'messaging.destination.name': first, 'mogul.event.type': `${first}.happened` });

    // The event it caused went out in the same trace, as a child of the handling.
    const followed = await eventually(() => recorder.messages[0], 15_000, 'the caused event');
    const [, traceId, parentId] = TRACE_PARENT.exec(followed.headers.traceparent) ?? [];
    expect({ traceId, parentId }).toEqual({ traceId: origin.traceId, parentId: seen[0].spanId });
    expect((JSON.parse(followed.value ?? '{}') as EventEnvelope).type).toBe(`${second}.followed`);
  });
});
