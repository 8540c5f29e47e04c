import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, IdentityEvents } from '@mogul/contracts';
import { EventContext } from '@mogul/messaging';
import { UserDirectory } from './user-directory';

/** An `identity.user.*` payload this service cannot use; the consumer retries, then dead-letters it. */
export class MalformedIdentityEventError extends Error {
  constructor(event: EventEnvelope, problem: string) {
    super(`${event.type} ${event.id}: ${problem}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The parts of `UserRegisteredV1` and `UserRoleGrantedV1` used here; other fields are ignored. */
function rolesPayload(event: EventEnvelope): { userId: string; roles: unknown[] } {
  const payload = (typeof event.payload === 'object' && event.payload !== null ? event.payload : {}) as Record<string, unknown>;
  if (typeof payload.userId !== 'string' || !UUID.test(payload.userId))
    throw new MalformedIdentityEventError(event, 'userId is not a UUID');
  if (!Array.isArray(payload.roles)) throw new MalformedIdentityEventError(event, 'roles is not a list');
  const roles = typeof payload.role === 'string' ? [...payload.roles, payload.role] : payload.roles;
  return { userId: payload.userId, roles };
}

/** Keeps the user projection from identity's events; each carries the user's roles after it. */
@Controller()
export class IdentityUserHandlers {
  constructor(private readonly directory: UserDirectory) {}

  @EventPattern([IdentityEvents.userRegistered.type, IdentityEvents.userRoleGranted.type])
  async recordRoles(@Payload() event: EventEnvelope, @Ctx() context: EventContext): Promise<void> {
    const { userId, roles } = rolesPayload(event);
    const occurredAt = new Date(event.occurredAt);
    if (Number.isNaN(occurredAt.getTime())) throw new MalformedIdentityEventError(event, 'occurredAt is not a time');
    await this.directory.recordRolesFromIdentity(context.manager, userId, roles, occurredAt);
  }
}
