import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, IdentityEvents } from '@mogul/contracts';
import { BATCH, BatchContext, HandledEvent } from '@mogul/messaging';
import { UserName, UserNames } from './user-names.service';

/** An `identity.user.registered` payload payouts cannot use; the consumer retries, then dead-letters it. */
export class MalformedUserEventError extends Error {
  constructor(event: EventEnvelope, problem: string) {
    super(`${event.type} ${event.id}: ${problem}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The parts of `UserRegisteredV1` used here; other fields (the email above all) are not kept. */
export function userNameOf(event: EventEnvelope): UserName {
  const payload = (typeof event.payload === 'object' && event.payload !== null ? event.payload : {}) as Record<string, unknown>;
  if (typeof payload.userId !== 'string' || !UUID.test(payload.userId)) throw new MalformedUserEventError(event, 'userId is not a UUID');
  if (typeof payload.displayName !== 'string') throw new MalformedUserEventError(event, 'displayName is not a string');
  const registeredAt = new Date(typeof payload.registeredAt === 'string' ? payload.registeredAt : event.occurredAt);
  if (Number.isNaN(registeredAt.getTime())) throw new MalformedUserEventError(event, 'registeredAt is not a time');
  return { userId: payload.userId.toLowerCase(), displayName: payload.displayName, registeredAt };
}

/** Keeps users' display names from `identity.user.registered`, a consumer transaction's events at once. */
@Controller()
export class UserNamesHandler {
  constructor(private readonly names: UserNames) {}

  @EventPattern([IdentityEvents.userRegistered.type], BATCH)
  async record(@Payload() events: HandledEvent[], @Ctx() context: BatchContext): Promise<void> {
    await this.names.record(
      context.manager,
      events.map(({ event }) => userNameOf(event)),
    );
  }
}
