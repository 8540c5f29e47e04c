import { IHeaders } from 'kafkajs';
import { Headers } from '@mogul/contracts';

/** Why a message went to the dead-letter topic (the `Headers.dlqReason` value). */
export type DeadLetterReason = 'malformed' | 'unsupported-version' | 'handler-failed';

export interface DeadLetterSource {
  topic: string;
  partition: number;
  offset: string;
}

/** Longest error text kept in a header; a stack trace has no place on the wire. */
export const MAX_ERROR_LENGTH = 2_000;

export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/**
 * The original headers plus where the message came from and why it was given up on, so that it
 * can be inspected and replayed from the dead-letter topic alone.
 */
export function deadLetterHeaders(
  original: IHeaders | undefined,
  source: DeadLetterSource,
  reason: DeadLetterReason,
  error: string,
  attempts: number,
): IHeaders {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(original ?? {})) {
    if (value !== undefined) headers[name] = value;
  }
  return {
    ...headers,
    [Headers.dlqError]: error,
    [Headers.dlqReason]: reason,
    [Headers.dlqAttempts]: String(attempts),
    [Headers.dlqSourceTopic]: source.topic,
    [Headers.dlqSourcePartition]: String(source.partition),
    [Headers.dlqSourceOffset]: source.offset,
  };
}
