import { FieldProblem } from '@mogul/http';

export { UnauthenticatedError, UnauthenticatedReason } from '@mogul/http';

/** A request body, query or path parameter broke its rules; answered 400 with each bad field. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldProblem[]) {
    super(errors.length === 1 ? `${errors[0].field}: ${errors[0].message}` : `${errors.length} fields are not valid`);
  }
}
