import fc from 'fast-check';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the document types the test platform reads
import { OpenApiDocument, resolved, SchemaObject } from '../../../../tools/testing/openapi/document';

/** What an answer must be, on top of never a 5xx. */
export type Expectation =
  /** Any answer below 500: the input may or may not be acceptable. */
  | { kind: 'any' }
  /** A 4xx, with this status if given. */
  | { kind: 'refused'; status?: number }
  /** A 400 whose `errors` names `field`. */
  | { kind: 'invalid'; field: string };

export const ANY: Expectation = { kind: 'any' };
export const refused = (status?: number): Expectation => ({ kind: 'refused', status });
export const invalid = (field: string): Expectation => ({ kind: 'invalid', field });

/** One changed part of a valid request: the raw value to send and what must come back. */
export interface Mutation<T> {
  label: string;
  value: T;
  expect: Expectation;
}

/** Nested `depth` levels deep: `{"a":{"a":…}}` or `[[…]]`. */
export const deeplyNested = (depth: number, kind: 'object' | 'array'): string =>
  kind === 'object' ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + ']'.repeat(depth);

export const DEEP = 3_000;

/** Free text that must be either accepted or refused cleanly: control characters, NUL, scripts, emoji, combining marks. */
export const ODD_TEXT: Mutation<string>[] = [
  { label: 'NUL', value: 'before\u0000after', expect: ANY },
  { label: 'control characters', value: '\u0001\u0007\b\u001b[31m\u007f\u0085', expect: ANY },
  { label: 'unicode', value: 'Zoë 🍕 مرحبا 日本語 e\u0301 \u200b\u202e', expect: ANY },
  { label: 'lone surrogate', value: 'x\ud800y', expect: ANY },
  { label: 'markup and SQL', value: `<script>alert(1)</script>' OR '1'='1'; --`, expect: ANY },
];

/** Formats the gateway checks; `password` and the like only describe. */
const CHECKED_FORMATS = ['uuid', 'email', 'date-time', 'uri'];

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

const typeOf = (schema: SchemaObject) =>
  schema.type ?? (schema.properties || schema.additionalProperties ? 'object' : schema.items ? 'array' : undefined);

/** A value of another JSON type than `schema` wants. */
function wrongType(schema: SchemaObject): unknown {
  switch (typeOf(schema)) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return '12';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'an array' };
    default:
      return 'not an object';
  }
}

/**
 * Invalid and odd values for each field of a valid JSON body, one field at a time, with the field
 * a validation problem must name. Walks nested objects and the first item of arrays.
 */
export function bodyMutations(document: OpenApiDocument, schema: SchemaObject, valid: unknown): Mutation<unknown>[] {
  const mutations: Mutation<unknown>[] = [];
  const walk = (at: SchemaObject, value: unknown, path: string, replace: (v: unknown) => unknown, required = true) => {
    const s = resolved(document, at);
    const type = typeOf(s);
    const add = (label: string, v: unknown, expect: Expectation) =>
      mutations.push({ label: `${path}: ${label}`, value: replace(v), expect });
    if (path) {
      add('wrong type', wrongType(s), invalid(path));
      // An optional field sent as null may be read as left out.
      if (!s.nullable) add('null', null, required ? invalid(path) : ANY);
      // Too deep a body may be refused whole, naming the body rather than the field.
      if (!path.includes('.') && !path.includes('['))
        add(`${DEEP} levels of nesting`, JSON.parse(deeplyNested(DEEP, 'object')), refused(400));
    }
    if (s.enum) add('not one of the choices', 'not-a-choice', invalid(path));
    if (type === 'string' && !s.enum) {
      if (s.maxLength !== undefined) add(`${s.maxLength + 1} characters`, 'x'.repeat(s.maxLength + 1), invalid(path));
      if (s.minLength) add(`${s.minLength - 1} characters`, 'x'.repeat(s.minLength - 1), invalid(path));
      const checked = CHECKED_FORMATS.includes(s.format ?? '') || s.pattern !== undefined;
      if (checked) add('malformed', 'not valid!', invalid(path));
      if (!path.includes('.') && !path.includes('[')) {
        add('64 KiB', 'x'.repeat(64 * 1024), s.maxLength !== undefined ? invalid(path) : ANY);
        for (const odd of ODD_TEXT) add(odd.label, odd.value, checked ? invalid(path) : ANY);
      }
    }
    if (type === 'number' || type === 'integer') {
      if (s.minimum !== undefined) {
        add(`below the minimum ${s.minimum}`, s.minimum - 1, invalid(path));
        add('-1e308', -1e308, invalid(path));
        add('the minimum', s.minimum, ANY);
      }
      if (s.maximum !== undefined) {
        add(`above the maximum ${s.maximum}`, s.maximum + 1, invalid(path));
        add('1e308', 1e308, invalid(path));
        add('the maximum', s.maximum, ANY);
      }
      add('a fraction', 1.5, ANY);
      add('2^53 + 2', 2 ** 53 + 2, s.maximum !== undefined ? invalid(path) : ANY);
    }
    if (type === 'array') {
      if (s.maxItems !== undefined && Array.isArray(value) && value.length > 0) {
        add(
          `${s.maxItems + 1} items`,
          Array.from({ length: s.maxItems + 1 }, () => value[0]),
          invalid(path),
        );
      }
      if (s.minItems) add('no items', [], invalid(path));
      if (Array.isArray(value) && value.length > 0 && s.items) {
        walk(s.items, value[0], join(path, 0), (v) => replace(value.map((item, i) => (i === 0 ? v : item))));
      }
    }
    if (type === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
      const object = value as Record<string, unknown>;
      if (s.properties) {
        add('an unknown field', { ...object, unexpectedField: 1 }, invalid(join(path, 'unexpectedField')));
        for (const [key, property] of Object.entries(s.properties)) {
          if (s.required?.includes(key)) {
            const { [key]: _left, ...rest } = object;
            add(`without ${key}`, rest, invalid(join(path, key)));
          }
          if (key in object) {
            walk(property, object[key], join(path, key), (v) => replace({ ...object, [key]: v }), s.required?.includes(key) ?? false);
          }
        }
      } else if (typeof s.additionalProperties === 'object') {
        const [first] = Object.keys(object);
        if (first !== undefined) walk(s.additionalProperties, object[first], join(path, first), (v) => replace({ ...object, [first]: v }));
      }
    }
  };
  walk(schema, valid, '', (v) => v);
  return mutations.map((m) => (m.label.startsWith(': ') ? { ...m, label: `body${m.label}` } : m));
}

/** Raw bodies that are not a JSON object, or not JSON, or too big. */
export function rawBodyMutations(bodyLimitBytes: number): Mutation<{ body: string; contentType: string }>[] {
  const json = (body: string) => ({ body, contentType: 'application/json' });
  return [
    { label: 'an array body', value: json('[]'), expect: refused(400) },
    { label: 'a string body', value: json('"text"'), expect: refused(400) },
    { label: 'a number body', value: json('42'), expect: refused(400) },
    { label: 'a null body', value: json('null'), expect: refused(400) },
    { label: 'malformed JSON', value: json('{"a":'), expect: refused(400) },
    { label: 'an empty JSON body', value: json(''), expect: refused(400) },
    { label: 'a NUL in the JSON text', value: json('{"a":"\u0000"}'), expect: refused(400) },
    { label: `${DEEP} nested objects`, value: json(deeplyNested(DEEP, 'object')), expect: refused(400) },
    { label: `${DEEP} nested arrays`, value: json(`{"a":${deeplyNested(DEEP, 'array')}}`), expect: refused(400) },
    { label: 'a body over the limit', value: json(`{"a":"${'x'.repeat(bodyLimitBytes)}"}`), expect: refused(413) },
    { label: 'a form-encoded body', value: { body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' }, expect: refused(415) },
    { label: 'a text body', value: { body: 'hello', contentType: 'text/plain' }, expect: refused(415) },
  ];
}

/** Query values for one documented parameter, raw (already encoded). */
export function queryMutations(name: string, schema: SchemaObject): Mutation<string>[] {
  const mutations: Mutation<string>[] = [];
  const add = (label: string, raw: string, expect: Expectation) => mutations.push({ label: `?${name}: ${label}`, value: raw, expect });
  const numeric = schema.type === 'number' || schema.type === 'integer';
  if (numeric) {
    add('not a number', 'abc', invalid(name));
    add('empty', '', invalid(name));
    add('huge', '1e400', invalid(name));
    add('20 digits', '99999999999999999999', schema.maximum !== undefined ? invalid(name) : ANY);
    add('hexadecimal', '0x10', ANY);
    if (schema.minimum !== undefined) add(`below the minimum ${schema.minimum}`, String(schema.minimum - 1), invalid(name));
    if (schema.maximum !== undefined) add(`above the maximum ${schema.maximum}`, String(schema.maximum + 1), invalid(name));
    if (schema.minimum !== undefined) add('the minimum', String(schema.minimum), ANY);
    if (schema.maximum !== undefined) add('the maximum', String(schema.maximum), ANY);
  }
  if (schema.enum) add('not one of the choices', 'not-a-choice', invalid(name));
  if (schema.format === 'uuid') add('not a UUID', 'not-a-uuid', invalid(name));
  if (schema.pattern?.includes('\\d{4}-')) {
    add('the last month there is', '9999-12', ANY);
    add('year 0', '0000-01', invalid(name));
    add('month 13', '2026-13', invalid(name));
  }
  if (schema.maxLength !== undefined) add(`${schema.maxLength + 1} characters`, 'x'.repeat(schema.maxLength + 1), invalid(name));
  const strict = numeric || schema.enum || schema.format || schema.pattern ? invalid(name) : ANY;
  add('5000 characters', 'x'.repeat(5000), schema.maxLength !== undefined ? invalid(name) : strict);
  for (const odd of ODD_TEXT.filter((o) => o.label === 'NUL' || o.label === 'unicode'))
    add(odd.label, encodeURIComponent(odd.value), strict);
  add('given twice', `1&${name}=2`, ANY);
  return mutations;
}

/** Junk for a path parameter, raw (already encoded); `real` and random ids are the caller's. */
export function pathMutations(name: string, schema: SchemaObject): Mutation<string>[] {
  const mutations: Mutation<string>[] = [];
  const add = (label: string, raw: string, expect: Expectation) => mutations.push({ label: `{${name}}: ${label}`, value: raw, expect });
  if (schema.format === 'uuid') add('not a UUID', 'not-a-uuid', invalid(name));
  if (schema.format === 'uuid') add('a UUID in upper case with braces', `%7B${'6F1C2A70-3B1E-4C1A-9A52-0D6F1D0B8E11'}%7D`, refused());
  add('NUL', 'a%00b', refused());
  add('dot segments', '%2e%2e', refused());
  add('an encoded slash', 'a%2Fb', refused());
  add('5000 characters', 'x'.repeat(5000), refused());
  add('unicode', encodeURIComponent('🍕日本'), refused());
  add('SQL', encodeURIComponent(`' OR '1'='1`), refused());
  add('a bad percent escape', '%E0%A4%A', refused());
  return mutations;
}

/**
 * Valid values for `schema`, for fast-check to vary what a valid request carries: strings within
 * their bounds (any unicode), numbers within theirs, each enum choice.
 */
export function arbitraryOf(document: OpenApiDocument, at: SchemaObject): fc.Arbitrary<unknown> {
  const schema = resolved(document, at);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (typeOf(schema)) {
    case 'string':
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'email') return fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 254));
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? Infinity));
      return fc.string({ unit: 'grapheme', minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 60, 200) });
    case 'number':
    case 'integer': {
      const min = schema.minimum ?? -1_000_000;
      const max = schema.maximum ?? 1_000_000;
      return fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map(Math.trunc));
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(arbitraryOf(document, schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object': {
      if (!schema.properties)
        return fc.dictionary(fc.string({ maxLength: 10 }), arbitraryOf(document, asSchema(schema.additionalProperties)), { maxKeys: 3 });
      const properties = Object.fromEntries(Object.entries(schema.properties).map(([key, p]) => [key, arbitraryOf(document, p)]));
      return fc.record(properties, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const asSchema = (value: boolean | SchemaObject | undefined): SchemaObject => (typeof value === 'object' ? value : {});
