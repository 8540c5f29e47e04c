import { KafkaOptions, ServerKafka } from '@nestjs/microservices';
import { secondsSince } from '@mogul/observability';
import { SpanKind } from '@opentelemetry/api';
import { Consumer, EachMessagePayload, Kafka, RecordMetadata } from 'kafkajs';
import { ConsumerLagReader, messagingMetrics } from '../metrics';
import { inMessageSpan } from '../tracing';

/**
 * NestJS's Kafka server answers a partition's requests one after another: `eachMessage` waits for
 * the handler, so a request waits for every request ahead of it on its partition even while the
 * process is idle, waiting on its database. Requests are independent of one another (checkout
 * dedupes by idempotency key, reads are reads), so this server starts each request as soon as it
 * arrives and only waits when `maxInFlight` are already being answered.
 *
 * The offset moves on when a request starts, not when it is answered: a process that dies
 * mid-request leaves that request unanswered, which its caller sees as a timeout (504) and may
 * retry, exactly as if the request had been lost in flight. On close the server stops fetching,
 * lets the requests it started answer, then disconnects.
 */
export class ConcurrentKafkaServer extends ServerKafka {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly duration = messagingMetrics.requestDuration();
  private lag?: { reader: ConsumerLagReader; remove: () => void };

  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly maxInFlight: number,
  ) {
    super(options);
  }

  /** Requests being answered right now. */
  get pending(): number {
    return this.inFlight.size;
  }

  override getMessageHandler(): (payload: EachMessagePayload) => Promise<void> {
    return async (payload) => {
      while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
      this.track(this.answer(payload), payload.topic);
    };
  }

  /** Runs the handler in the caller's trace; resolves once its answer is ready to send. */
  private async answer(payload: EachMessagePayload): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      await inMessageSpan({ kind: SpanKind.SERVER, topic: payload.topic, headers: payload.message.headers }, () =>
        this.handleMessage(payload),
      );
    } finally {
      this.duration.observe({ pattern: payload.topic }, secondsSince(started));
    }
  }

  /**
   * Nest sends the answer after the handler has resolved: the send counts as in flight too. A send
   * that fails (the broker refuses the answer, e.g. as too large) is logged and the caller times
   * out; it must not reject into Nest, where it would be an unhandled rejection that ends the process.
   */
  override sendMessage(...args: Parameters<ServerKafka['sendMessage']>): Promise<RecordMetadata[]> {
    const sending = super.sendMessage(...args).catch((error: unknown) => {
      this.logger.error(`answer to ${args[1]} could not be sent: ${String(error)}`);
      return [];
    });
    this.track(sending, args[1]);
    return sending;
  }

  /** Also reports the group's lag: requests on the topics that no replica has taken yet. */
  override async bindEvents(consumer: Consumer): Promise<void> {
    await super.bindEvents(consumer);
    const patterns = [...this.messageHandlers.keys()];
    if (!this.client || this.lag || patterns.length === 0) return;
    // Nest types its client with its own copy of the kafkajs interfaces; it is a kafkajs client.
    const reader = new ConsumerLagReader(this.client as unknown as Kafka, this.groupId, patterns);
    this.lag = { reader, remove: messagingMetrics.consumerLag().addSource(() => reader.read()) };
  }

  override async close(): Promise<void> {
    this.lag?.remove();
    await this.lag?.reader.close();
    this.lag = undefined;
    await this.consumer?.stop();
    // Answers are sent a tick after their handler resolves: wait until nothing new starts either.
    while (this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await super.close();
  }

  private track(work: Promise<unknown>, topic: string): void {
    const tracked: Promise<void> = work
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`request on ${topic} failed: ${String(error)}`))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }
}
