/** Roles a user can hold. Everyone is a shopper; creator is opt-in; the rest are granted. */
export const ROLES = ['shopper', 'creator', 'merchant', 'operator'] as const;
export type Role = (typeof ROLES)[number];
export const GRANTABLE_ROLES = ['merchant', 'operator'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

export const IdentityEvents = {
  userRegistered: { type: 'identity.user.registered', version: 1 },
  userRoleGranted: { type: 'identity.user.role-granted', version: 1 },
} as const;

export const IDENTITY_USER_TOPIC = 'identity.user';

export interface UserRegisteredV1 {
  userId: string;
  email: string;
  displayName: string;
  roles: Role[];
  registeredAt: string;
}

export interface UserRoleGrantedV1 {
  userId: string;
  role: Role;
  roles: Role[];
  grantedBy: string | null;
}
