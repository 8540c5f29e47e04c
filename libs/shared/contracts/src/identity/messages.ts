import { Role } from './events';

/**
 * Request–reply patterns the gateway sends to identity. Each pattern is a Kafka topic and has a
 * `<pattern>.reply` topic for the answers.
 */
export const IdentityPatterns = {
  register: 'identity.cmd.register',
  login: 'identity.cmd.login',
  refresh: 'identity.cmd.refresh',
  logout: 'identity.cmd.logout',
  getProfile: 'identity.qry.profile',
  becomeCreator: 'identity.cmd.become-creator',
  grantRole: 'identity.cmd.grant-role',
} as const;

export interface RegisterRequest {
  email: string;
  password: string;
  displayName: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface UserRequest {
  userId: string;
}

export interface GrantRoleRequest {
  actorId: string;
  userId: string;
  role: Role;
}

export interface UserProfile {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  createdAt: string;
}

export interface TokenPair {
  accessToken: string;
  accessTokenExpiresIn: number;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  tokenType: 'Bearer';
}

export interface SessionReply {
  user: UserProfile;
  tokens: TokenPair;
}

/** The claims of an access token; the gateway trusts them after checking the signature. */
export interface AccessTokenClaims {
  sub: string;
  roles: Role[];
  iss: string;
  aud: string;
  exp: number;
  iat: number;
}

export interface LogoutReply {
  revoked: true;
}

/** Input limits that the gateway and identity both enforce, so that they agree on what is valid. */
export const IdentityLimits = {
  emailMaxLength: 254,
  passwordMinLength: 12,
  passwordMaxLength: 128,
  displayNameMaxLength: 80,
  refreshTokenMaxLength: 256,
} as const;
