import { preventIdleKafkaPolling } from './kafkajs-request-queue';

interface QueueUnderTest {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

// The class whose method the fix replaces: kafkajs's queue of requests on one broker connection.
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => QueueUnderTest;

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function idleQueue(): QueueUnderTest {
  return new RequestQueue({
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    enforceRequestTimeout: true,
    clientId: 'spec',
    broker: 'b:9092',
    logger: silent,
  });
}

describe('preventIdleKafkaPolling', () => {
  beforeAll(() => preventIdleKafkaPolling());
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('leaves a connection with nothing waiting and no throttle without a timer', () => {
    const queue = idleQueue();
    queue.checkPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still checks again soon while a request waits, and when a broker throttle ends', () => {
    const waiting = idleQueue();
    waiting.pending.push({});
    let checks = 0;
    waiting.checkPendingRequests = () => void (checks += 1);
    Object.getPrototypeOf(waiting).scheduleCheckPendingRequests.call(waiting);
    jest.advanceTimersByTime(10);
    expect(checks).toBe(1);

    const throttled = idleQueue();
    throttled.throttledUntil = Date.now() + 500;
    let throttledChecks = 0;
    throttled.checkPendingRequests = () => void (throttledChecks += 1);
    Object.getPrototypeOf(throttled).scheduleCheckPendingRequests.call(throttled);
    jest.advanceTimersByTime(499);
    expect(throttledChecks).toBe(0);
    jest.advanceTimersByTime(1);
    expect(throttledChecks).toBe(1);
  });
});
