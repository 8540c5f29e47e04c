import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

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
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json`, yamlDocumentUrl: `${DOCS_PATH}-yaml` });
}
