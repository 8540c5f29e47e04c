import { producerConfig, withDeadLetterTopics } from './kafka';

describe('withDeadLetterTopics', () => {
  it('adds a dead-letter topic for each topic', () => {
    expect(withDeadLetterTopics(['orders.order', 'products.product'])).toEqual([
      'orders.order',
      'orders.order.dlq',
      'products.product',
      'products.product.dlq',
    ]);
  });

  it('neither repeats a topic nor gives a dead-letter topic its own', () => {
    expect(withDeadLetterTopics(['orders.order', 'orders.order.dlq', 'orders.order'])).toEqual(['orders.order', 'orders.order.dlq']);
  });
});

describe('producerConfig', () => {
  it('is idempotent with one request in flight and never creates topics', () => {
    expect(producerConfig()).toMatchObject({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  });
});
