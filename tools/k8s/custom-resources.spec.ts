import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CustomResourceValidator, Resource, strictSchema } from './custom-resources';
import { K8S_DIR, preStopPauseSeconds } from './render';
import { kafkaTopicProblems } from './topics';

// The checks of the custom resources must refuse what an operator's API server would: these cases
// hold each refusal to a concrete mistake, so that a check that silently passes everything fails here.

const validator = new CustomResourceValidator();
const documentsOf = (...path: string[]): Resource[] =>
  parseAllDocuments(readFileSync(join(K8S_DIR, ...path), 'utf8')).map((document) => document.toJS() as Resource);
const [nodePool, kafka] = documentsOf('overlays', 'dev', 'kafka', 'kafka.yaml');
const [topic] = documentsOf('components', 'kafka-topics', 'topics.yaml');
const [cluster] = documentsOf('overlays', 'dev', 'postgres', 'clusters.yaml');
const [gateway] = documentsOf('components', 'gateway-api', 'gateway.yaml');
const [route] = documentsOf('components', 'gateway-api', 'httproute.yaml');
const [scaledObject] = documentsOf('components', 'event-autoscaling', 'scaled-objects.yaml');

/** A deep copy of `object` with `change` applied. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function changed(object: Resource, change: (copy: any) => void): Resource {
  const copy = structuredClone(object);
  change(copy);
  return copy;
}

describe('CustomResourceValidator', () => {
  it('has the schemas of Strimzi v1, CloudNativePG, the Gateway API and KEDA', () => {
    expect(validator.kinds()).toEqual([
      'gateway.networking.k8s.io/v1 Gateway',
      'gateway.networking.k8s.io/v1 HTTPRoute',
      'kafka.strimzi.io/v1 Kafka',
      'kafka.strimzi.io/v1 KafkaNodePool',
      'kafka.strimzi.io/v1 KafkaTopic',
      'keda.sh/v1alpha1 ScaledObject',
      'postgresql.cnpg.io/v1 Cluster',
    ]);
  });

  it.each([
    ['Kafka', kafka],
    ['KafkaNodePool', nodePool],
    ['KafkaTopic', topic],
    ['Cluster', cluster],
    ['Gateway', gateway],
    ['HTTPRoute', route],
    ['ScaledObject', scaledObject],
  ])('accepts the %s of the manifests', (_kind, object) => {
    expect(validator.problems(object)).toEqual([]);
  });

  it('refuses a Strimzi resource of the retired v1beta2 API', () => {
    const old = changed(kafka, (k) => (k.apiVersion = 'kafka.strimzi.io/v1beta2'));
    expect(validator.problems(old)).toEqual([expect.stringMatching(/^no schema for kafka\.strimzi\.io\/v1beta2 Kafka/)]);
    const oldTopic = changed(topic, (t) => (t.apiVersion = 'kafka.strimzi.io/v1beta2'));
    expect(validator.problems(oldTopic)).toEqual([expect.stringMatching(/^no schema for kafka\.strimzi\.io\/v1beta2 KafkaTopic/)]);
  });

  it('refuses unknown fields, at any depth, with their path', () => {
    // spec.kafka.replicas was v1beta2's; v1 takes replicas from the node pools only.
    expect(validator.problems(changed(kafka, (k) => (k.spec.kafka.replicas = 1)))).toEqual(['unknown field spec.kafka.replicas']);
    expect(validator.problems(changed(kafka, (k) => (k.spec.kafka.listeners[0].tlss = false)))).toEqual([
      'unknown field spec.kafka.listeners.0.tlss',
    ]);
    expect(validator.problems(changed(kafka, (k) => (k.metadata.label = { a: 'b' })))).toEqual(['unknown field metadata.label']);
    expect(validator.problems(changed(topic, (t) => (t.spec.partition = 3)))).toEqual(['unknown field spec.partition']);
    expect(validator.problems(changed(cluster, (c) => (c.spec.postgresVersion = 15)))).toEqual(['unknown field spec.postgresVersion']);
    expect(validator.problems(changed(gateway, (g) => (g.spec.listeners[0].tls = { mod: 'Terminate' })))).toEqual([
      'unknown field spec.listeners.0.tls.mod',
    ]);
    expect(validator.problems(changed(route, (r) => (r.spec.rules[0].backendRef = [])))).toEqual(['unknown field spec.rules.0.backendRef']);
    expect(validator.problems(changed(scaledObject, (s) => (s.spec.maxReplicas = 6)))).toEqual(['unknown field spec.maxReplicas']);
  });

  it('takes any key where the CRD keeps unknown fields, as in a topic’s Kafka configuration', () => {
    expect(validator.problems(changed(topic, (t) => (t.spec.config['cleanup.policy'] = 'compact')))).toEqual([]);
  });

  it('refuses wrong types and values', () => {
    expect(validator.problems(changed(topic, (t) => (t.spec.partitions = 0)))).toEqual(['spec.partitions must be >= 1']);
    expect(validator.problems(changed(nodePool, (p) => (p.spec.roles = ['zookeeper'])))).toEqual([
      expect.stringMatching(/^spec\.roles\.0 must be equal to one of the allowed values/),
    ]);
    expect(validator.problems(changed(kafka, (k) => delete k.spec.kafka.listeners))).toEqual([
      "spec.kafka must have required property 'listeners'",
    ]);
  });
});

describe('strictSchema', () => {
  it('closes objects unless the CRD preserves unknown fields, and reads int-or-string', () => {
    expect(
      strictSchema({
        type: 'object',
        properties: {
          open: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          port: { 'x-kubernetes-int-or-string': true },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
        },
      }),
    ).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        open: { type: 'object' },
        port: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
    });
  });
});

describe('kafkaTopicProblems', () => {
  const topics = [
    { name: 'orders.order', kind: 'events' as const },
    { name: 'orders.order.dlq', kind: 'dead-letters' as const },
  ];
  const resource = (topicName: string, kind: string) => ({
    metadata: { name: topicName.replace(/\./g, '-'), labels: { 'mogul/topic-kind': kind } },
    spec: { topicName },
  });

  it('passes a KafkaTopic for each topic of the contracts, and nothing else', () => {
    expect(kafkaTopicProblems([resource('orders.order', 'events'), resource('orders.order.dlq', 'dead-letters')], topics)).toEqual([]);
  });

  it('refuses a KafkaTopic for a topic no contract defines, and a topic without its KafkaTopic', () => {
    expect(
      kafkaTopicProblems(
        [resource('orders.order', 'events'), resource('orders.order.dlq', 'dead-letters'), resource('orders.cmd.place', 'events')],
        topics,
      ),
    ).toEqual(['KafkaTopic/orders-cmd-place: orders.cmd.place is no topic of the contracts']);
    expect(kafkaTopicProblems([resource('orders.order', 'events')], topics)).toEqual(['orders.order.dlq has no KafkaTopic']);
  });

  it('refuses a dead-letter topic labelled as events (it would be kept a week, not a month)', () => {
    expect(kafkaTopicProblems([resource('orders.order', 'events'), resource('orders.order.dlq', 'events')], topics)).toEqual([
      'KafkaTopic/orders-order-dlq: orders.order.dlq must be labelled mogul/topic-kind: dead-letters',
    ]);
  });
});

describe('preStopPauseSeconds', () => {
  it('reads the pause of node’s timer and of sleep, and nothing else', () => {
    expect(preStopPauseSeconds(['node', '-e', 'setTimeout(() => {}, 5000)'])).toBe(5);
    expect(preStopPauseSeconds(['sleep', '5'])).toBe(5);
    expect(preStopPauseSeconds(['node', '-e', 'process.exit(0)'])).toBeUndefined();
    expect(preStopPauseSeconds(undefined)).toBeUndefined();
  });
});
