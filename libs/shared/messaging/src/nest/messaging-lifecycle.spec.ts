import { Kafka } from 'kafkajs';
import { IdempotentConsumer } from '../inbox/idempotent-consumer';
import { OutboxRelay } from '../outbox/outbox-relay';
import { MessagingLifecycle } from './messaging-lifecycle';

describe('MessagingLifecycle', () => {
  function fakes() {
    const calls: string[] = [];
    const part = (name: string) => ({
      start: async () => void calls.push(`${name} start`),
      stop: async (options?: { drainTimeoutMs?: number }) =>
        void calls.push(options?.drainTimeoutMs ? `${name} stop, publishing what is left` : `${name} stop`),
    });
    const lifecycle = new MessagingLifecycle({
      kafka: {} as Kafka,
      relay: part('relay') as unknown as OutboxRelay,
      consumers: [part('consumer') as unknown as IdempotentConsumer],
    });
    return { calls, lifecycle };
  }

  it('starts the relay before the consumers', async () => {
    const { calls, lifecycle } = fakes();
    await lifecycle.onApplicationBootstrap();
    expect(calls).toEqual(['relay start', 'consumer start']);
  });

  it('stops the consumers before the relay, which publishes what is left', async () => {
    const { calls, lifecycle } = fakes();
    await lifecycle.onApplicationShutdown();
    expect(calls).toEqual(['consumer stop', 'relay stop, publishing what is left']);
  });
});
