/**
 * What a service answers to a request: a result or a typed failure. Failures are business
 * outcomes the gateway maps to problem details; they are not thrown across Kafka.
 */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError };

export type ReplyErrorCode = 'validation' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'unprocessable' | 'internal';

export interface ReplyError {
  code: ReplyErrorCode;
  message: string;
  /** Field-level problems, for `validation` and `unprocessable`. */
  errors?: { field: string; message: string }[];
}

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
export const fail = (code: ReplyErrorCode, message: string, errors?: ReplyError['errors']): Reply<never> => ({
  ok: false,
  error: errors ? { code, message, errors } : { code, message },
});

/** A request carries the caller's correlation id so that logs and events can be joined. */
export interface RequestMessage<T> {
  correlationId: string;
  body: T;
}
