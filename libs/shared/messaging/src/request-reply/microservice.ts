import { KafkaOptions, Transport } from '@nestjs/microservices';

export interface MicroserviceOptions {
  clientId: string;
  groupId: string;
  brokers: string[];
}

/** Options for `app.connectMicroservice(...)`: the service answers request–reply patterns over Kafka. */
export function kafkaMicroserviceOptions(options: MicroserviceOptions): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      client: { clientId: options.clientId, brokers: options.brokers, retry: { retries: 5, initialRetryTime: 100 } },
      consumer: { groupId: options.groupId, allowAutoTopicCreation: false, retry: { retries: 5 } },
      producer: { allowAutoTopicCreation: false },
      // Replies and requests are independent: a slow request must not stall the others.
      run: { partitionsConsumedConcurrently: 6 },
    },
  };
}
