import { ClientKafka } from '@nestjs/microservices';
import { Reply, ReplyError, RequestMessage } from '@mogul/contracts';
import { randomUUID } from 'node:crypto';
import { firstValueFrom, timeout } from 'rxjs';

/** Sends a request–reply message as the gateway does (keyed by its correlation id) and waits for the answer. */
export function sendRequest<T>(
  client: ClientKafka,
  pattern: string,
  body: unknown,
  options: { timeoutMs?: number; correlationId?: string } = {},
): Promise<Reply<T>> {
  const correlationId = options.correlationId ?? randomUUID();
  const message: RequestMessage<unknown> = { correlationId, body };
  return firstValueFrom(client.send<Reply<T>>(pattern, { key: correlationId, value: message }).pipe(timeout(options.timeoutMs ?? 15_000)));
}

/** The value of a successful answer; fails the test with the error otherwise. */
export async function valueOf<T>(reply: Promise<Reply<T>>): Promise<T> {
  const answered = await reply;
  if (!answered.ok) throw new Error(`expected ok, got ${JSON.stringify(answered.error)}`);
  return answered.value;
}

/** The error of a failed answer; fails the test with the value otherwise. */
export async function failureOf(reply: Promise<Reply<unknown>>): Promise<ReplyError> {
  const answered = await reply;
  if (answered.ok) throw new Error(`expected a failure, got ${JSON.stringify(answered.value)}`);
  return answered.error;
}
