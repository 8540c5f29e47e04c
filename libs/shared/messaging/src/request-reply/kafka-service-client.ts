import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientKafka, KafkaOptions } from '@nestjs/microservices';
import { RequestMessage, Reply } from '@mogul/contracts';
import { inSpan } from '@mogul/observability';
import { SpanKind } from '@opentelemetry/api';
import { ConsumerGroupJoinEvent, Partitioners } from 'kafkajs';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { createKafka, DEFAULT_PARTITIONS, ensureTopics, requestTopics } from '../kafka';
import { ServiceTimeoutError, ServiceUnavailableError } from './errors';
import { startNewGroupAtTopicEnds } from './group-offsets';
import { MESSAGING_TRACER, traceHeaders } from '../tracing';
import { ServiceClient } from './service-client';

export interface ServiceClientOptions {
  clientId: string;
  brokers: string[];
  /** Every pattern this client will send; their reply topics are subscribed before connecting. */
  patterns: string[];
  timeoutMs: number;
  /** Partitions of the request and reply topics when this client creates them. */
  partitions?: number;
  /** How long `connect` waits for the broker and the reply-topic assignment. */
  connectTimeoutMs?: number;
}

/** NestJS appends this to a client's consumer group id. */
const CLIENT_GROUP_SUFFIX = '-client';

/**
 * NestJS's Kafka client, ready only once its reply consumer has joined its group: before that it
 * knows no reply partition to ask for, and an answer could be written before anyone reads it.
 */
class JoinAwareClientKafka extends ClientKafka {
  private signalJoined!: () => void;
  readonly joined = new Promise<void>((resolve) => (this.signalJoined = resolve));

  protected override setConsumerAssignments(data: ConsumerGroupJoinEvent): void {
    super.setConsumerAssignments(data);
    this.signalJoined();
  }
}

/** NestJS request–reply over Kafka: a request topic per pattern, answers on `<pattern>.reply`. */
export class KafkaServiceClient extends ServiceClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaServiceClient.name);
  private readonly client: JoinAwareClientKafka;
  private connected?: Promise<void>;

  constructor(private readonly options: ServiceClientOptions) {
    super();
    const clientOptions: KafkaOptions['options'] = {
      postfixId: CLIENT_GROUP_SUFFIX,
      client: { clientId: options.clientId, brokers: options.brokers, retry: { retries: 3, initialRetryTime: 100 } },
      // One group for every gateway replica: NestJS routes each reply to the partition its requester owns.
      // Closing waits for the fetch in flight: a short long-poll keeps a stopping gateway quick.
      consumer: { groupId: options.clientId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 },
      producer: { allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner },
      producerOnlyMode: false,
    };
    this.client = new JoinAwareClientKafka(clientOptions);
    for (const pattern of options.patterns) this.client.subscribeToResponseOf(pattern);
  }

  /** Connects at start-up when the broker is there; a gateway that starts without it connects on first use. */
  async onApplicationBootstrap(): Promise<void> {
    await this.connect().catch((error: unknown) => this.logger.warn(`request–reply client not connected yet: ${String(error)}`));
  }

  connect(): Promise<void> {
    this.connected ??= this.open().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  private async open(): Promise<void> {
    const kafka = createKafka({ clientId: `${this.options.clientId}-admin`, brokers: this.options.brokers });
    const replies = this.options.patterns.map((pattern) => `${pattern}.reply`);
    await ensureTopics(kafka, requestTopics(this.options.patterns), {
      partitions: this.options.partitions ?? DEFAULT_PARTITIONS,
      deadLetters: false,
    });
    await startNewGroupAtTopicEnds(kafka, `${this.options.clientId}${CLIENT_GROUP_SUFFIX}`, replies);
    await this.client.connect();
    const limit = this.options.connectTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.client.joined,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`reply consumer did not join within ${limit} ms`)), limit))),
    ]).finally(() => clearTimeout(timer));
  }

  async send<TRes, TReq = unknown>(pattern: string, body: TReq, correlationId: string): Promise<Reply<TRes>> {
    try {
      await this.connect();
    } catch (error) {
      throw new ServiceUnavailableError(pattern, error);
    }
    const message: RequestMessage<TReq> = { correlationId, body };
    try {
      return await inSpan(MESSAGING_TRACER, `send ${pattern}`, { kind: SpanKind.CLIENT, attributes: { 'messaging.system': 'kafka' } }, () =>
        firstValueFrom(
          this.client
            .send<Reply<TRes>, { key: string; value: RequestMessage<TReq>; headers: Record<string, string> }>(pattern, {
              key: correlationId,
              value: message,
              // The request's trace goes along, so the service's work (and the events it causes) joins it.
              headers: { 'mogul-correlation-id': correlationId, ...traceHeaders() },
            })
            .pipe(timeout(this.options.timeoutMs)),
        ),
      );
    } catch (error) {
      if (error instanceof TimeoutError) throw new ServiceTimeoutError(pattern, this.options.timeoutMs);
      this.logger.warn({ pattern, error: error instanceof Error ? error.message : error }, 'request failed');
      throw new ServiceUnavailableError(pattern, error);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
