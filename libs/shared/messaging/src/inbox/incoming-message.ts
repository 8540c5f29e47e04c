import { IHeaders } from 'kafkajs';
import { EventEnvelope, envelopeProblem } from '@mogul/contracts';

export type ParsedMessage = { ok: true; event: EventEnvelope } | { ok: false; problem: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Decodes a message value into an envelope, or says why it is not one. */
export function parseEventMessage(value: Buffer | string | null): ParsedMessage {
  if (value === null || value.length === 0) return { ok: false, problem: 'message has no value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString());
  } catch (error) {
    return { ok: false, problem: `message is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const problem = envelopeProblem(parsed);
  if (problem) return { ok: false, problem };
  const event = parsed as EventEnvelope;
  // The inbox keys on the id as a uuid; anything else could never be recorded as handled.
  if (!UUID.test(event.id)) return { ok: false, problem: 'envelope field "id" is not a uuid' };
  return { ok: true, event };
}

/** A header's value as text; the first one when the header repeats. */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? undefined : first.toString();
}
