import { CustomStrategy } from '@nestjs/microservices';
import { Partitioners } from 'kafkajs';
import { createKafka, ensureTopics, requestTopics } from '../kafka';
import { ConcurrentKafkaServer } from './concurrent-kafka-server';
import { startNewGroupAtTopicEnds } from './group-offsets';
import { ReplySerializer } from './reply-serializer';

export interface MicroserviceOptions {
  clientId: string;
  groupId: string;
  brokers: string[];
  /** Requests answered at the same time by one process (see `ConcurrentKafkaServer`). */
  maxInFlight?: number;
}

/** The longest a fetch waits for requests; stopping waits for the fetch in flight, so short keeps it quick. */
const FETCH_MAX_WAIT_MS = 500;

/** NestJS appends this to a server's consumer group id. */
const SERVER_GROUP_SUFFIX = '-server';

/** For `app.connectMicroservice(...)`: the service answers request–reply patterns over Kafka. */
export function kafkaRequestServer(options: MicroserviceOptions): CustomStrategy {
  const server = new ConcurrentKafkaServer(
    {
      postfixId: SERVER_GROUP_SUFFIX,
      client: { clientId: options.clientId, brokers: options.brokers, retry: { retries: 5, initialRetryTime: 100 } },
      consumer: { groupId: options.groupId, allowAutoTopicCreation: false, retry: { retries: 5 }, maxWaitTimeInMs: FETCH_MAX_WAIT_MS },
      producer: { allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner },
      run: { partitionsConsumedConcurrently: 6 },
      serializer: new ReplySerializer(),
    },
    options.maxInFlight ?? 64,
  );
  return { strategy: server };
}

/**
 * Before a service connects its request handlers: creates the request and reply topics of its
 * patterns and makes sure its first start does not skip requests sent while it was joining.
 */
export async function prepareRequestHandling(options: MicroserviceOptions & { patterns: string[]; partitions: number }): Promise<void> {
  const kafka = createKafka({ clientId: `${options.clientId}-admin`, brokers: options.brokers });
  await ensureTopics(kafka, requestTopics(options.patterns), { partitions: options.partitions, deadLetters: false });
  await startNewGroupAtTopicEnds(kafka, `${options.groupId}${SERVER_GROUP_SUFFIX}`, options.patterns);
}
