import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// Validates the operators' custom resources (Strimzi, CloudNativePG, Gateway API, KEDA) against the
// schemas their CustomResourceDefinitions publish, vendored under crds/ (crds/README.md says which
// release each came from). Strictly, as the API server with `kubectl apply --validate=strict`: a
// field the schema does not define is an error, except where the CRD keeps unknown fields
// (`x-kubernetes-preserve-unknown-fields`, e.g. Kafka's `config`). An apiVersion or kind without a
// vendored schema is an error too, so a resource of a retired version (kafka.strimzi.io/v1beta2)
// cannot pass. Kubernetes' own kinds are checked by validate-objects.mjs.
//
// Not checked: the CEL rules of a CRD (`x-kubernetes-validations`), which only an API server runs.

export const CRDS_DIR = join(__dirname, 'crds');

type JsonSchema = { [keyword: string]: unknown };

/** What the API server checks of every object's metadata (CRD schemas leave it to the server). */
const OBJECT_META: JsonSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 253, pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' },
    namespace: { type: 'string', maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
    labels: { type: 'object', additionalProperties: { type: 'string', maxLength: 63 } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

/**
 * A CRD's structural schema made strict for Ajv: objects lose unknown fields unless the CRD keeps
 * them, int-or-string becomes what it says, and the Kubernetes extensions (`x-kubernetes-*`), which
 * are not JSON Schema, are read and dropped.
 */
export function strictSchema(schema: JsonSchema): JsonSchema {
  const result: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword.startsWith('x-kubernetes-') || keyword === 'example') continue;
    if (keyword === 'properties') {
      result.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, strictSchema(v)]));
    } else if (['items', 'additionalProperties', 'not'].includes(keyword) && typeof value === 'object' && value !== null) {
      result[keyword] = strictSchema(value as JsonSchema);
    } else if (['anyOf', 'oneOf', 'allOf'].includes(keyword)) {
      result[keyword] = (value as JsonSchema[]).map(strictSchema);
    } else {
      result[keyword] = value;
    }
  }
  if (schema['x-kubernetes-int-or-string'] && !result.type && !result.anyOf) {
    result.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (schema['x-kubernetes-embedded-resource']) {
    result.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: OBJECT_META, ...(result.properties ?? {}) };
  }
  const isObject = result.type === 'object' || result.properties !== undefined;
  if (isObject && result.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields']) {
    result.additionalProperties = false;
  }
  return result;
}

/** The vendored schemas, by `<group>/<version> <Kind>`, from crds/<operator>-<release>/<group>_<version>_<Kind>.json. */
export function vendoredSchemas(dir = CRDS_DIR): Map<string, { file: string; schema: JsonSchema }> {
  const schemas = new Map<string, { file: string; schema: JsonSchema }>();
  for (const release of readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const file of readdirSync(join(dir, release.name)).filter((name) => name.endsWith('.json'))) {
      const [group, version, kind] = file.replace(/\.json$/, '').split('_');
      const key = `${group}/${version} ${kind}`;
      if (schemas.has(key)) throw new Error(`${key} is vendored twice: ${schemas.get(key)?.file} and ${release.name}/${file}`);
      schemas.set(key, { file: `${release.name}/${file}`, schema: JSON.parse(readFileSync(join(dir, release.name, file), 'utf8')) });
    }
  }
  return schemas;
}

/** An object as the checks see it: apiVersion and kind, and whatever else it has. */
export interface Resource {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
  [field: string]: unknown;
}

export class CustomResourceValidator {
  private readonly ajv = new Ajv({ allErrors: true, strictTypes: false, strictTuples: false, validateFormats: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly schemas = vendoredSchemas()) {
    addFormats(this.ajv);
    // OpenAPI's integer formats, which Kubernetes checks by range.
    this.ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  }

  /** The `<group>/<version> <Kind>` pairs there are schemas for. */
  kinds(): string[] {
    return [...this.schemas.keys()].sort();
  }

  /** Problems of one object, each naming the field; none when it is valid. */
  problems(object: Resource): string[] {
    const key = `${object.apiVersion} ${object.kind}`;
    const validate = this.validatorFor(key);
    if (!validate) return [`no schema for ${key}: known are ${this.kinds().join(', ')}`];
    return validate(object) ? [] : (validate.errors ?? []).map(describe);
  }

  private validatorFor(key: string): ValidateFunction | undefined {
    if (!this.validators.has(key)) {
      const vendored = this.schemas.get(key);
      if (!vendored) return undefined;
      const [apiVersion, kind] = key.split(' ');
      const schema = strictSchema(vendored.schema);
      const properties = schema.properties as Record<string, JsonSchema>;
      schema.properties = { ...properties, apiVersion: { const: apiVersion }, kind: { const: kind }, metadata: OBJECT_META };
      schema.required = [...new Set([...((schema.required as string[]) ?? []), 'apiVersion', 'kind', 'metadata'])];
      this.validators.set(key, this.ajv.compile(schema));
    }
    return this.validators.get(key);
  }
}

function describe(error: ErrorObject): string {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'additionalProperties') {
    const field = (error.params as { additionalProperty: string }).additionalProperty;
    return `unknown field ${path ? `${path}.${field}` : field}`;
  }
  return `${path || '(root)'} ${error.message}`;
}
