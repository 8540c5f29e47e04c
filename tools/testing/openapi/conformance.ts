import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance } from 'fastify';
import { DocumentSchemas, HTTP_METHODS, HttpMethod, OpenApiDocument, OpenApiOperation, OpenApiResponse } from './document';

const API_PREFIX = '/api/';
const DOCUMENT_PATH = '/docs-json';

/** One answer as the gateway sent it. */
export interface Answer {
  method: string;
  /** The matched route as Fastify writes it (`/api/v1/listings/:id`), or undefined when none matched. */
  route: string | undefined;
  url: string;
  status: number;
  contentType: string | undefined;
  body: string | undefined;
}

/** `/api/v1/listings/:id` → `/api/v1/listings/{id}` */
const templateOf = (route: string) => route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const mediaTypeOf = (contentType: string | undefined) => contentType?.split(';')[0].trim().toLowerCase();

const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

/**
 * Checks answers against an OpenAPI document: the operation is documented, its status is one of
 * the operation's responses, and the body has a documented media type and matches its schema.
 */
export class ResponseConformance {
  private readonly schemas: DocumentSchemas;

  constructor(private readonly document: OpenApiDocument) {
    this.schemas = new DocumentSchemas(document);
  }

  /** What is wrong with `answer`, or nothing. Answers outside the API (docs, probes) are not checked. */
  problemsOf(answer: Answer): string[] {
    if (!answer.route?.startsWith(API_PREFIX)) return [];
    const method = answer.method.toLowerCase() as HttpMethod;
    if (!HTTP_METHODS.includes(method)) return [];
    const path = templateOf(answer.route);
    const operation: OpenApiOperation | undefined = this.document.paths[path]?.[method];
    if (!operation) return ['the operation is not in the document'];
    const statusKey = [String(answer.status), `${String(answer.status)[0]}XX`, 'default'].find((key) => operation.responses[key]);
    if (!statusKey) return [`status ${answer.status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
    return this.bodyProblems(operation.responses[statusKey], answer, [path, method, 'responses', statusKey]);
  }

  private bodyProblems(response: OpenApiResponse, answer: Answer, at: string[]): string[] {
    const documented = Object.keys(response.content ?? {});
    if (!answer.body) {
      return documented.length > 0 && answer.status !== 204 && answer.status !== 304 ? ['the body is empty; the document has one'] : [];
    }
    const mediaType = mediaTypeOf(answer.contentType);
    if (documented.length === 0) return [`the body (${mediaType ?? 'no content type'}) is not documented`];
    const content = documented.find((key) => key.toLowerCase() === mediaType);
    if (!mediaType || !content) return [`content type ${mediaType ?? '(none)'} is not documented (documented: ${documented.join(', ')})`];
    if (!response.content?.[content].schema) return [];
    if (!isJson(mediaType)) return [];
    let value: unknown;
    try {
      value = JSON.parse(answer.body);
    } catch {
      return [`the ${mediaType} body is not JSON`];
    }
    return this.schemas.errorsOf(['paths', ...at, 'content', content, 'schema'], value);
  }
}

/** A request and what the document found wrong with its answer. */
export interface Violation {
  request: string;
  status: number;
  problems: string[];
  body: string | undefined;
}

export const describeViolation = (v: Violation) =>
  `${v.request} → ${v.status}: ${v.problems.join('; ')}${v.body ? `\n    body: ${v.body.slice(0, 300)}` : ''}`;

const watching = new Set<ConformanceWatch>();

/**
 * Watches every answer of one gateway against the document that gateway serves at /docs-json, and
 * keeps the violations until they are taken. Jest's set-up fails each test after which a watched
 * gateway had answered against its document (see `takeViolations`).
 */
export class ConformanceWatch {
  private conformance?: Promise<ResponseConformance>;
  private readonly violations: Violation[] = [];

  /** Adds the hook to `app`'s Fastify instance; call before it listens (`beforeListen`). */
  static install(app: NestFastifyApplication): ConformanceWatch {
    const watch = new ConformanceWatch();
    const fastify = app.getHttpAdapter().getInstance();
    fastify.addHook('onSend', async (request, reply, payload) => {
      if (request.url.startsWith(API_PREFIX)) {
        await watch.check(fastify, {
          method: request.method,
          route: request.routeOptions.url,
          url: request.url,
          status: reply.statusCode,
          contentType: reply.getHeader('content-type') as string | undefined,
          body: typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined,
        });
      }
      return payload;
    });
    fastify.addHook('onClose', async () => {
      watching.delete(watch);
    });
    watching.add(watch);
    return watch;
  }

  take(): Violation[] {
    return this.violations.splice(0);
  }

  private async check(fastify: FastifyInstance, answer: Answer): Promise<void> {
    this.conformance ??= fastify
      .inject({ method: 'GET', url: DOCUMENT_PATH })
      .then((response) => new ResponseConformance(response.json<OpenApiDocument>()));
    const problems = (await this.conformance).problemsOf(answer);
    if (problems.length > 0) {
      this.violations.push({ request: `${answer.method} ${answer.url}`, status: answer.status, problems, body: answer.body });
    }
  }
}

/** Checks every answer of `gateway` against the document it serves; for `createGatewayApp`'s `beforeListen`. */
export function watchConformance(gateway: NestFastifyApplication): void {
  ConformanceWatch.install(gateway);
}

/** The violations every watched gateway has seen since the last call. */
export function takeViolations(): Violation[] {
  return [...watching].flatMap((watch) => watch.take());
}
