import { randomBytes } from 'node:crypto';
import { Message } from 'kafkajs';
import { envelope } from '@mogul/contracts';
import { ensureTopics, eventHeaders, producerConfig } from '@mogul/messaging';
import { latencyFigures, paced, perSecond, summarize } from '../../lib/stats';
import { Arrivals } from './arrivals';
import { BenchEnvironment, BenchSection, SectionResult } from './section';

const CHUNK = 500;
const AGGREGATES = 1_000;

/** A message the size and shape of a real event, stamped with when it was sent. */
function benchMessage(type: string, seq: number): Message {
  const event = envelope(
    {
      type,
      version: 1,
      aggregateId: `aggregate-${seq % AGGREGATES}`,
      payload: { seq, sentAt: Date.now(), amount: { amount: 1250, currency: 'AUD' } },
    },
    { correlationId: `bench-${seq}` },
  );
  return { key: event.aggregateId, value: JSON.stringify(event), headers: eventHeaders(event) };
}

/** The baseline: what kafkajs alone moves between a producer and a consumer in this process. */
export const rawKafka: BenchSection = {
  id: 'raw-kafka',
  title: '(a) kafkajs produce -> consume (baseline)',
  async run(env: BenchEnvironment): Promise<SectionResult> {
    const { kafka, config } = env;
    const topic = `bench-raw-${randomBytes(4).toString('hex')}`;
    const type = `${topic}.item.recorded`;
    await ensureTopics(kafka, [topic], { partitions: config.BENCH_PARTITIONS, deadLetters: false });
    env.onCleanup(async () => {
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    });

    const arrivals = new Arrivals();
    const consumer = kafka.consumer({ groupId: `${topic}-group`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: config.BENCH_PARTITIONS,
      eachBatch: async ({ batch }) => {
        const now = Date.now();
        for (const message of batch.messages) {
          const event = JSON.parse(message.value!.toString());
          arrivals.record(event.id, now - event.payload.sentAt);
        }
      },
    });
    env.onCleanup(() => consumer.disconnect());
    const producer = kafka.producer(producerConfig());
    await producer.connect();
    env.onCleanup(() => producer.disconnect());

    // Saturation: send as fast as the broker acknowledges.
    const total = config.BENCH_EVENTS;
    const started = Date.now();
    for (let sent = 0; sent < total; sent += CHUNK) {
      const messages = Array.from({ length: Math.min(CHUNK, total - sent) }, (_, i) => benchMessage(type, sent + i));
      await producer.send({ topic, acks: -1, messages });
    }
    const producedAt = Date.now();
    await arrivals.waitFor(total, 120_000, 'raw messages');
    const elapsed = arrivals.lastArrivalAt - started;
    const saturated = summarize(arrivals.takeLatencies());

    // Paced: a steady rate well below saturation, for latency.
    const perTick = Math.max(1, Math.round(config.BENCH_PACED_RATE / 100));
    let seq = total;
    const ticks = await paced(config.BENCH_PACED_SECONDS * 1000, 10, async () => {
      const messages = Array.from({ length: perTick }, () => benchMessage(type, seq++));
      await producer.send({ topic, acks: -1, messages });
    });
    await arrivals.waitFor(total + ticks * perTick, 60_000, 'paced raw messages');
    const steady = summarize(arrivals.takeLatencies());

    const throughput = perSecond(total, elapsed);
    return {
      throughput,
      figures: [
        { label: 'events', value: total, unit: '' },
        { label: 'produce rate', value: perSecond(total, producedAt - started), unit: 'events/s' },
        { label: 'end-to-end throughput', value: throughput, unit: 'events/s' },
        ...latencyFigures('latency at saturation', saturated),
        { label: 'paced rate', value: perSecond(ticks * perTick, config.BENCH_PACED_SECONDS * 1000), unit: 'events/s' },
        ...latencyFigures('latency paced', steady),
      ],
    };
  },
};
