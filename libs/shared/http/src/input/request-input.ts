import type { FastifyInstance } from 'fastify';
import { FieldProblem } from '../problem-details';
import { RequestValidationError } from '../service/domain-error';

/** The deepest nesting of objects and arrays a JSON body may have; no request of the API needs more than a few. */
export const MAX_BODY_DEPTH = 32;

const NUL = '\u0000';
/** A UTF-16 surrogate without its other half: no Unicode character, and no valid UTF-8 either. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be taken as text, if it cannot. */
function textProblem(text: string): string | undefined {
  if (text.includes(NUL)) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds a lone surrogate)';
  return undefined;
}

/**
 * How deep `json` nests objects and arrays, read from its text so that a hostile body is refused
 * before anything walks it recursively. Brackets inside strings do not count.
 */
export function nestingDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

function fieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * Every string in `value` (a parsed body, query or path parameters) that is not storable text,
 * named by its path (`lines[0].note`): one holding a NUL character (PostgreSQL cannot store it in
 * text, and no field of the API has a use for it) or a lone surrogate (JSON can escape one, but it
 * is no character: validators and the database's JSON refuse it). Walks without recursion; bodies
 * are depth-checked before they get here.
 */
export function unstorableTextIn(value: unknown, root = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: { value: unknown; path: string }[] = [{ value, path: root }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value: current, path } = next;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) problems.push({ field: path || 'body', message: `${path || 'body'} ${problem}` });
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, path: fieldPath(path, index) }));
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const problem = textProblem(key);
        if (problem) problems.push({ field: path || 'body', message: `field names ${problem}` });
        else pending.push({ value: item, path: fieldPath(path, key) });
      }
    }
  }
  return problems.reverse();
}

/**
 * Whether a JSON text may hold, once parsed, a string that `unstorableTextIn` refuses. JSON
 * refuses a raw NUL in a string, and text decoded from UTF-8 holds no lone surrogate (a bad byte
 * sequence becomes U+FFFD), so only a `\u` escape can write either: a body without one is
 * clean, and is not walked.
 */
export function mayHoldUnstorableText(json: string): boolean {
  return json.includes('\\u');
}

/** Requests whose body was parsed from text that cannot hold unstorable text. */
const cleanBodies = new WeakSet<object>();

/**
 * The input rules every HTTP server of the platform applies before a handler sees a request:
 * - bodies are JSON (`application/json`) or nothing: any other media type is 415, so a
 *   cross-site HTML form cannot post to the API; an empty JSON body reads as no body;
 * - a body nesting deeper than `MAX_BODY_DEPTH` is a 400 naming `body`;
 * - a NUL character or a lone surrogate anywhere in the path parameters, the query or the body is a
 *   400 naming the field.
 * Call it on the Fastify instance of an application created with `bodyParser: false`.
 */
export function acceptSafeJsonInput(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    if (nestingDepth(text) > MAX_BODY_DEPTH) {
      return done(
        new RequestValidationError([{ field: 'body', message: `the request body must not nest deeper than ${MAX_BODY_DEPTH} levels` }]),
        undefined,
      );
    }
    if (!mayHoldUnstorableText(text)) cleanBodies.add(request);
    parseJson(request, text, done);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const problems = [
      ...unstorableTextIn(request.params),
      ...unstorableTextIn(request.query),
      ...(cleanBodies.has(request) ? [] : unstorableTextIn(request.body)),
    ];
    done(problems.length > 0 ? new RequestValidationError(problems) : undefined);
  });
}
