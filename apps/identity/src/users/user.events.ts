import { IdentityEvents, NewEvent, Role, UserRegisteredV1, UserRoleGrantedV1 } from '@mogul/contracts';
import { User } from './user.entity';

export function userRegistered(user: User): NewEvent<UserRegisteredV1> {
  return {
    ...IdentityEvents.userRegistered,
    aggregateId: user.id,
    payload: {
      userId: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: [...user.roles],
      registeredAt: user.createdAt.toISOString(),
    },
  };
}

/** `grantedBy` is the operator who granted it, the user themself for creator, or null for configuration. */
export function userRoleGranted(user: User, role: Role, grantedBy: string | null): NewEvent<UserRoleGrantedV1> {
  return {
    ...IdentityEvents.userRoleGranted,
    aggregateId: user.id,
    payload: { userId: user.id, role, roles: [...user.roles], grantedBy },
  };
}
