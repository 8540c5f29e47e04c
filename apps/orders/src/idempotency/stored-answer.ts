import { DomainError, DomainErrorCode, FieldProblem } from '@mogul/http';
import { ReplayedFailureError } from '../errors';

/**
 * A command's first answer as `idempotency_keys.reply` keeps it: the value, or the business
 * failure by code, message and fields. Rows written before checkouts came over HTTP have this
 * shape too, so they replay alike.
 */
export type StoredAnswer<T = unknown> =
  { ok: true; value: T } | { ok: false; error: { code: DomainErrorCode | 'internal'; message: string; errors?: FieldProblem[] } };

export const storedValue = <T>(value: T): StoredAnswer<T> => ({ ok: true, value });

export function storedFailure(error: DomainError): StoredAnswer<never> {
  const { code, message, problems } = error;
  return { ok: false, error: problems ? { code, message, errors: problems } : { code, message } };
}

/** The stored answer given again: its value, or its failure thrown as it was first answered. */
export function replay<T>(answer: StoredAnswer<T>): T {
  if (answer.ok) return answer.value;
  const { code, message, errors } = answer.error;
  // Only business outcomes are stored (an unexpected failure releases the key), so this is a damaged row.
  if (code === 'internal') throw new Error(`the stored answer of a checkout is an internal failure: ${message}`);
  throw new ReplayedFailureError(code, message, errors);
}
