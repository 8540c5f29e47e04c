import { Role } from './events';

/*
 * The bodies the gateway sends to identity's internal API (/internal/v1/auth, /internal/v1/users) and
 * what it answers. Who is calling is never in a body: it is the verified access token.
 */

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

/** The body of a grant: the user is named by the path, the granting operator by the caller's token. */
export interface GrantRoleRequest {
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

/** The claims of an access token; the gateway and the services trust them after checking the signature. */
export interface AccessTokenClaims {
  sub: string;
  roles: Role[];
  iss: string;
  aud: string;
  exp: number;
  iat: number;
}

/** Input limits that the gateway and identity both enforce, so that they agree on what is valid. */
export const IdentityLimits = {
  emailMaxLength: 254,
  passwordMinLength: 12,
  passwordMaxLength: 128,
  displayNameMaxLength: 80,
  refreshTokenMaxLength: 256,
} as const;
