import { Answer, ResponseConformance } from './conformance';
import { OpenApiDocument } from './document';

const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

const document: OpenApiDocument = {
  openapi: '3.0.0',
  paths: {
    '/api/v1/things/{id}': {
      get: {
        responses: {
          200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          404: { content: problem },
        },
      },
      delete: { responses: { 204: { description: 'Gone.' } } },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          note: { type: 'string', nullable: true },
          parent: { nullable: true, allOf: [{ $ref: '#/components/schemas/Parent' }] },
        },
        required: ['id'],
      },
      Parent: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      Problem: { type: 'object', properties: { status: { type: 'number' } }, required: ['status'] },
    },
  },
};

const answer = (changes: Partial<Answer>): Answer => ({
  method: 'GET',
  route: '/api/v1/things/:id',
  url: '/api/v1/things/1',
  status: 200,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify({ id: '6f1c2a70-3b1e-4c1a-9a52-0d6f1d0b8e11', note: null, parent: null }),
  ...changes,
});

describe('ResponseConformance', () => {
  const conformance = new ResponseConformance(document);

  it('accepts a documented status whose body matches its schema', () => {
    expect(conformance.problemsOf(answer({}))).toEqual([]);
    expect(conformance.problemsOf(answer({ method: 'DELETE', status: 204, contentType: undefined, body: '' }))).toEqual([]);
  });

  it('names a status the operation does not document', () => {
    expect(conformance.problemsOf(answer({ status: 500 }))).toEqual([expect.stringContaining('status 500 is not documented')]);
  });

  it('names a body that does not match the schema', () => {
    expect(conformance.problemsOf(answer({ body: JSON.stringify({ id: 'not-a-uuid' }) }))).toEqual([expect.stringContaining('/id')]);
    expect(conformance.problemsOf(answer({ body: JSON.stringify({ id: '6f1c2a70-3b1e-4c1a-9a52-0d6f1d0b8e11', parent: {} }) }))).toEqual(
      expect.arrayContaining([expect.stringContaining("/parent must have required property 'id'")]),
    );
    expect(conformance.problemsOf(answer({ body: JSON.stringify({ note: 'x' }) }))).toEqual([
      expect.stringContaining("must have required property 'id'"),
    ]);
  });

  it('names an undocumented media type and an undocumented body', () => {
    expect(conformance.problemsOf(answer({ status: 404, contentType: 'application/json' }))).toEqual([
      expect.stringContaining('content type application/json is not documented'),
    ]);
    expect(conformance.problemsOf(answer({ method: 'DELETE', status: 204, body: '{}' }))).toEqual([
      expect.stringContaining('is not documented'),
    ]);
  });

  it('names an API route the document leaves out, and ignores answers outside the API', () => {
    expect(conformance.problemsOf(answer({ route: '/api/v1/other' }))).toEqual(['the operation is not in the document']);
    expect(conformance.problemsOf(answer({ route: '/health', status: 500 }))).toEqual([]);
  });
});
