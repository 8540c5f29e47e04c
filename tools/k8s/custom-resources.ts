// Minimal strict schemas for the operators' custom resources the overlays use (Strimzi's Kafka,
// KafkaNodePool and KafkaTopic; CloudNativePG's Cluster): the fields Mogul sets, with their types
// and allowed values from the operators' CRDs. Anything else is reported, so a typo or a field
// from another version of the CRD does not pass unnoticed. Kubernetes' own kinds are checked by
// validate-objects.mjs against the full API schemas.

export type Schema =
  | { type: 'string'; enum?: readonly string[]; pattern?: RegExp }
  | { type: 'integer'; minimum?: number; maximum?: number }
  | { type: 'boolean' }
  /** Strict: only the properties listed. */
  | { type: 'object'; properties: Record<string, Schema>; required?: readonly string[] }
  /** Free keys, each value of one schema (labels, broker config, …). */
  | { type: 'map'; values: Schema }
  | { type: 'array'; items: Schema; minItems?: number }
  /** A string, a number or a boolean (Kafka configuration values). */
  | { type: 'scalar' };

const string: Schema = { type: 'string' };
const quantity: Schema = { type: 'string', pattern: /^\d+(\.\d+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/ };
const object = (properties: Record<string, Schema>, required: readonly string[] = []): Schema => ({ type: 'object', properties, required });
const map = (values: Schema): Schema => ({ type: 'map', values });
const array = (items: Schema, minItems = 0): Schema => ({ type: 'array', items, minItems });
const integer = (minimum?: number, maximum?: number): Schema => ({ type: 'integer', minimum, maximum });
const oneOf = (...values: string[]): Schema => ({ type: 'string', enum: values });

const metadata = object(
  {
    name: { type: 'string', pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/ },
    namespace: string,
    labels: map(string),
    annotations: map(string),
  },
  ['name'],
);
const resources = object({ requests: map(quantity), limits: map(quantity) });
const labelSelector = object({
  matchLabels: map(string),
  matchExpressions: array(
    object({ key: string, operator: oneOf('In', 'NotIn', 'Exists', 'DoesNotExist'), values: array(string) }, ['key', 'operator']),
  ),
});
const networkPolicyPeer = object({ podSelector: labelSelector, namespaceSelector: labelSelector });

function resource(apiVersion: string, kind: string, spec: Schema): Schema {
  return object({ apiVersion: oneOf(apiVersion), kind: oneOf(kind), metadata, spec }, ['apiVersion', 'kind', 'metadata', 'spec']);
}

/** Strimzi 0.45+ (kafka.strimzi.io/v1beta2), KRaft with node pools. */
const kafka = resource(
  'kafka.strimzi.io/v1beta2',
  'Kafka',
  object(
    {
      kafka: object(
        {
          version: { type: 'string', pattern: /^\d+\.\d+\.\d+$/ },
          metadataVersion: { type: 'string', pattern: /^\d+\.\d+-IV\d+$/ },
          listeners: array(
            object(
              {
                name: { type: 'string', pattern: /^[a-z0-9]{1,11}$/ },
                port: integer(9092, 65535),
                type: oneOf('internal', 'route', 'loadbalancer', 'nodeport', 'ingress', 'cluster-ip'),
                tls: { type: 'boolean' },
                networkPolicyPeers: array(networkPolicyPeer),
              },
              ['name', 'port', 'type', 'tls'],
            ),
            1,
          ),
          config: map({ type: 'scalar' }),
          resources,
        },
        ['listeners'],
      ),
      entityOperator: object({ topicOperator: object({ resources }), userOperator: object({ resources }) }),
    },
    ['kafka'],
  ),
);

const kafkaNodePool = resource(
  'kafka.strimzi.io/v1beta2',
  'KafkaNodePool',
  object(
    {
      replicas: integer(0),
      roles: array(oneOf('controller', 'broker'), 1),
      storage: object(
        {
          type: oneOf('jbod', 'ephemeral', 'persistent-claim'),
          volumes: array(
            object(
              {
                id: integer(0),
                type: oneOf('ephemeral', 'persistent-claim'),
                size: quantity,
                class: string,
                deleteClaim: { type: 'boolean' },
                kraftMetadata: oneOf('shared'),
              },
              ['type'],
            ),
            1,
          ),
        },
        ['type'],
      ),
      resources,
    },
    ['replicas', 'roles', 'storage'],
  ),
);

const kafkaTopic = resource(
  'kafka.strimzi.io/v1beta2',
  'KafkaTopic',
  object(
    {
      topicName: { type: 'string', pattern: /^[a-zA-Z0-9._-]{1,249}$/ },
      partitions: integer(1),
      replicas: integer(1, 32767),
      config: map({ type: 'scalar' }),
    },
    ['partitions', 'replicas'],
  ),
);

/** CloudNativePG 1.2x (postgresql.cnpg.io/v1). */
const cnpgCluster = resource(
  'postgresql.cnpg.io/v1',
  'Cluster',
  object(
    {
      instances: integer(1),
      imageName: string,
      storage: object({ size: quantity, storageClass: string }, ['size']),
      bootstrap: object({
        initdb: object(
          { database: { type: 'string', pattern: /^[a-z_][a-z0-9_]*$/ }, owner: { type: 'string', pattern: /^[a-z_][a-z0-9_]*$/ } },
          ['database', 'owner'],
        ),
      }),
      resources,
    },
    ['instances', 'storage'],
  ),
);

export const CUSTOM_RESOURCE_SCHEMAS: Record<string, Schema> = {
  'kafka.strimzi.io/v1beta2 Kafka': kafka,
  'kafka.strimzi.io/v1beta2 KafkaNodePool': kafkaNodePool,
  'kafka.strimzi.io/v1beta2 KafkaTopic': kafkaTopic,
  'postgresql.cnpg.io/v1 Cluster': cnpgCluster,
};

/** Problems of `value` against `schema`, each naming the field's path. */
export function schemaProblems(schema: Schema, value: unknown, path = ''): string[] {
  const at = path || '(root)';
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return [`${at} must be a string`];
      if (schema.enum && !schema.enum.includes(value)) return [`${at} must be one of ${schema.enum.join(', ')} (got "${value}")`];
      if (schema.pattern && !schema.pattern.test(value)) return [`${at} must match ${schema.pattern} (got "${value}")`];
      return [];
    case 'integer':
      if (!Number.isInteger(value)) return [`${at} must be an integer`];
      if (schema.minimum !== undefined && (value as number) < schema.minimum) return [`${at} must be at least ${schema.minimum}`];
      if (schema.maximum !== undefined && (value as number) > schema.maximum) return [`${at} must be at most ${schema.maximum}`];
      return [];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at} must be a boolean`];
    case 'scalar':
      return ['string', 'number', 'boolean'].includes(typeof value) ? [] : [`${at} must be a string, number or boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${at} must be an array`];
      if (value.length < (schema.minItems ?? 0)) return [`${at} needs at least ${schema.minItems} items`];
      return value.flatMap((item, i) => schemaProblems(schema.items, item, `${path}[${i}]`));
    case 'map':
      if (!isRecord(value)) return [`${at} must be an object`];
      return Object.entries(value).flatMap(([key, item]) => schemaProblems(schema.values, item, `${path}.${key}`));
    case 'object': {
      if (!isRecord(value)) return [`${at} must be an object`];
      const missing = (schema.required ?? []).filter((key) => value[key] === undefined).map((key) => `${join(path, key)} is required`);
      const fields = Object.entries(value).flatMap(([key, item]) =>
        schema.properties[key] ? schemaProblems(schema.properties[key], item, join(path, key)) : [`unknown field ${join(path, key)}`],
      );
      return [...missing, ...fields];
    }
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
