import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.0 document that the tests read. */
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, SchemaObject>; securitySchemes?: Record<string, unknown> };
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: SchemaObject }> };
  responses: Record<string, OpenApiResponse>;
  security?: Record<string, string[]>[];
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

export interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: SchemaObject }>;
}

/** A JSON schema as OpenAPI 3.0 writes it; loose on purpose, the documents are generated. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  additionalProperties?: boolean | SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  nullable?: boolean;
  default?: unknown;
  example?: unknown;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One operation of the document with where it lives. */
export interface DocumentedOperation {
  method: HttpMethod;
  /** The path template, e.g. `/api/v1/listings/{id}`. */
  path: string;
  operation: OpenApiOperation;
}

export function operationsOf(document: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({ method, path, operation: item[method] })),
  );
}

/** The document's schema for `schema`, with every `$ref` (and `allOf` of one) followed. */
export function resolved(document: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolved(document, document.components?.schemas?.[name]);
  }
  if (schema.allOf?.length === 1 && !schema.type) {
    const { allOf, ...rest } = schema;
    return { ...resolved(document, allOf[0]), ...rest };
  }
  return schema;
}

const DOCUMENT_ID = 'openapi.json';

/**
 * OpenAPI 3.0's `nullable` as JSON Schema: null, or what the rest of the schema says. Generators
 * write a nullable reference as `{ nullable: true, allOf: [{ $ref }] }`, which needs this reading.
 */
function withNullables(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withNullables);
  if (typeof value !== 'object' || value === null) return value;
  const converted: Record<string, unknown> = Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withNullables(child)]));
  const { nullable, ...schema } = converted;
  return nullable === true ? { anyOf: [{ type: 'null' }, schema] } : converted;
}

/** Escapes a key for a JSON pointer (RFC 6901). */
const pointerKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * JSON schema validators for the schemas of one document, each compiled once. The document is
 * added whole, so its `#/components/schemas/...` references resolve where they stand.
 */
export class DocumentSchemas {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addSchema(withNullables(document) as object, DOCUMENT_ID);
  }

  /** Problems of `value` against the schema at `path` (keys from the document root), or none. */
  errorsOf(path: string[], value: unknown): string[] {
    const pointer = `${DOCUMENT_ID}#/${path.map(pointerKey).join('/')}`;
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: pointer });
      this.compiled.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? 'is not valid'}`);
  }
}
