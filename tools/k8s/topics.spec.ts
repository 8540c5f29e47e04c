import { kafkaTopicsYaml, platformTopics, RETENTION_MS } from './topics';

describe('platformTopics', () => {
  it('makes an event topic and its dead-letter topic of each exported *_TOPIC, and nothing of anything else', () => {
    const topics = platformTopics({
      ORDERS_ORDER_TOPIC: 'orders.order',
      IDENTITY_USER_TOPIC: 'identity.user',
      OrderStatuses: { paid: 'paid' },
      deadLetterTopicOf: (topic: string) => `${topic}.dlq`,
    });
    expect(topics).toEqual([
      { name: 'identity.user', kind: 'events' },
      { name: 'identity.user.dlq', kind: 'dead-letters' },
      { name: 'orders.order', kind: 'events' },
      { name: 'orders.order.dlq', kind: 'dead-letters' },
    ]);
  });

  it('finds in the contracts only event topics and their dead letters: no request or reply topic', () => {
    const topics = platformTopics();
    const events = topics.filter((topic) => topic.kind === 'events').map((topic) => topic.name);
    expect(events).toEqual(expect.arrayContaining(['identity.user', 'listings.listing', 'products.product', 'orders.order']));
    expect(topics.filter((topic) => topic.kind === 'dead-letters').map((topic) => topic.name)).toEqual(events.map((t) => `${t}.dlq`));
    expect(topics.filter((topic) => /\.(reply|cmd|qry)\b/.test(topic.name))).toEqual([]);
  });
});

describe('kafkaTopicsYaml', () => {
  it('keeps events a week and dead letters a month', () => {
    const yaml = kafkaTopicsYaml(
      [
        { name: 'orders.order', kind: 'events' },
        { name: 'orders.order.dlq', kind: 'dead-letters' },
      ],
      { cluster: 'mogul', partitions: 6, replicas: 1 },
    );
    expect(yaml).toContain(`topicName: orders.order\n  partitions: 6\n  replicas: 1\n  config:\n    retention.ms: ${RETENTION_MS.events}`);
    expect(yaml).toContain(`retention.ms: ${RETENTION_MS['dead-letters']}`);
    expect(RETENTION_MS).toEqual({ events: 604_800_000, 'dead-letters': 2_592_000_000 });
  });
});
