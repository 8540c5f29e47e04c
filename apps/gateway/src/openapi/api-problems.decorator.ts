import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '@mogul/http';
import { ProblemDetailsSchema } from './problem.schema';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is not valid: `errors` names each bad field.',
  401: 'No valid access token, or wrong credentials.',
  403: 'The caller lacks the role or ownership this needs.',
  404: 'No such resource.',
  409: 'The request conflicts with the current state.',
  413: 'The request body is too large.',
  414: 'A path parameter is too long.',
  415: 'The request body is not `application/json`.',
  422: 'The request is well-formed but cannot be carried out.',
  429: 'Too many requests; see `Retry-After`.',
  502: 'A service failed to handle the request.',
  503: 'The service that handles this request is unavailable; see `Retry-After`.',
  504: 'The service that handles this request did not answer in time.',
};

/** A problem response as the document writes it. */
export const problemResponse = (status: number) => ({
  description: DESCRIPTIONS[status] ?? 'Failure.',
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } },
});

/** Failures every forwarded request can meet, on top of the endpoint's own. */
const FORWARDING_FAILURES = [502, 503, 504];

/** Documents the problem responses of an endpoint as `application/problem+json`. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  const all = [...new Set([...statuses, ...FORWARDING_FAILURES])].sort((a, b) => a - b);
  return applyDecorators(ApiExtraModels(ProblemDetailsSchema), ...all.map((status) => ApiResponse({ status, ...problemResponse(status) })));
}
