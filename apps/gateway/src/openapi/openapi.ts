import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { problemResponse } from './api-problems.decorator';

export const DOCS_PATH = 'docs';
export const BEARER_SCHEME = 'access-token';

/** OpenAPI document at /docs-json and Swagger UI at /docs, both outside the API prefix. */
export function setUpOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Mogul API')
    .setDescription(
      'The HTTP API of Mogul, a co-creation marketplace. Errors are RFC 9457 problem details ' +
        '(`application/problem+json`); clients branch on `type`. Every response carries an ' +
        '`x-correlation-id` header; send your own to join your logs with ours.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    // Paths carry the /api/v1 prefix, so the API is served from the document's own origin.
    .addServer('/', 'This origin')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  const document = withInputFailures(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json`, yamlDocumentUrl: `${DOCS_PATH}-yaml` });
}

/**
 * Refusals any operation can meet before its handler runs: a query parameter it does not read or
 * text that is not storable (400); with a path parameter, a malformed URL (400) or an overlong
 * parameter (414); with a body, a body it refuses (400), too big (413) or not JSON (415).
 */
const INPUT_FAILURES = [400];
const PATH_FAILURES = [400, 414];
const BODY_FAILURES = [400, 413, 415];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const BODY_METHODS: readonly string[] = ['post', 'put', 'patch'];

/** Documents the refusals of its input on every operation. */
function withInputFailures(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const hasPathParameter = (operation.parameters ?? []).some((parameter) => 'in' in parameter && parameter.in === 'path');
      const statuses = [
        ...INPUT_FAILURES,
        ...(hasPathParameter ? PATH_FAILURES : []),
        ...(BODY_METHODS.includes(method) ? BODY_FAILURES : []),
      ];
      const responses: Record<string, unknown> = { ...operation.responses };
      for (const status of statuses) responses[status] ??= problemResponse(status);
      operation.responses = Object.fromEntries(
        Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)),
      ) as typeof operation.responses;
    }
  }
  return document;
}
