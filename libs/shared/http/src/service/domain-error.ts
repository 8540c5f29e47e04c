import { Causation } from '@mogul/contracts';
import { FieldProblem } from '../problem-details';

/** What kind of business outcome a `DomainError` is; each maps to one HTTP status. */
export type DomainErrorCode = 'validation' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'unprocessable';

/**
 * A business outcome a service answers with instead of a value: each subclass says which code it
 * is (`not-found`, `conflict`, …) and may name the fields at fault. The service's problem filter
 * maps the codes to problem details, which the gateway passes on.
 */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  problems?: FieldProblem[];
}

/** A request that fails validation; answered as `validation` (400) with one problem per field. */
export class RequestValidationError extends DomainError {
  readonly code = 'validation' as const;
  constructor(override readonly problems: FieldProblem[]) {
    super(problems.length === 1 ? `${problems[0].field}: ${problems[0].message}` : 'request is invalid');
  }
}

/** The caller is signed in but may not do this; answered 403. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden' as const;
}

export type { Causation };
