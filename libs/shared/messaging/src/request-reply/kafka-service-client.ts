import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ClientKafka } from '@nestjs/microservices';
import { RequestMessage, Reply } from '@mogul/contracts';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { ServiceTimeoutError, ServiceUnavailableError } from './errors';
import { ServiceClient } from './service-client';

export interface ServiceClientOptions {
  clientId: string;
  brokers: string[];
  /** Every pattern this client will send; their reply topics are subscribed before connecting. */
  patterns: string[];
  timeoutMs: number;
}

/** NestJS request–reply over Kafka: a request topic per pattern, answers on `<pattern>.reply`. */
export class KafkaServiceClient extends ServiceClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaServiceClient.name);
  private readonly client: ClientKafka;
  private connected?: Promise<unknown>;

  constructor(private readonly options: ServiceClientOptions) {
    super();
    this.client = new ClientKafka({
      client: { clientId: options.clientId, brokers: options.brokers, retry: { retries: 3, initialRetryTime: 100 } },
      // One group for every gateway replica: NestJS routes each reply to the partition its requester owns.
      consumer: { groupId: options.clientId, allowAutoTopicCreation: false },
      producer: { allowAutoTopicCreation: false },
      producerOnlyMode: false,
    });
    for (const pattern of options.patterns) this.client.subscribeToResponseOf(pattern);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  connect(): Promise<unknown> {
    this.connected ??= this.client.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    return this.connected;
  }

  async send<TRes, TReq = unknown>(pattern: string, body: TReq, correlationId: string): Promise<Reply<TRes>> {
    try {
      await this.connect();
    } catch (error) {
      throw new ServiceUnavailableError(pattern, error);
    }
    const message: RequestMessage<TReq> = { correlationId, body };
    try {
      return await firstValueFrom(
        this.client
          .send<Reply<TRes>, { key: string; value: RequestMessage<TReq>; headers: Record<string, string> }>(pattern, {
            key: correlationId,
            value: message,
            headers: { 'mogul-correlation-id': correlationId },
          })
          .pipe(timeout(this.options.timeoutMs)),
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
