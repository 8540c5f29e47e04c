/**
 * What can go wrong in identity, as types. `replies.ts` maps each to a reply failure; nothing
 * else decides codes or wording.
 */

export interface FieldProblem {
  field: string;
  message: string;
}

export class RequestValidationError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(`request is invalid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  }
}

export class EmailTakenError extends Error {
  constructor() {
    super('an account with this email already exists');
  }
}

/** Deliberately the same for an unknown email and a wrong password. */
export class InvalidCredentialsError extends Error {
  constructor() {
    super('email or password is incorrect');
  }
}

/** Unknown, expired or revoked refresh token. */
export class InvalidRefreshTokenError extends Error {
  constructor() {
    super('refresh token is invalid, expired or revoked');
  }
}

/** A refresh token that was already rotated came back: its family has been revoked. */
export class RefreshTokenReusedError extends Error {
  constructor(readonly familyId: string) {
    super(`refresh token of family ${familyId} was reused; the family is revoked`);
  }
}

export class UserNotFoundError extends Error {
  constructor(readonly userId: string) {
    super(`user ${userId} not found`);
  }
}

export class NotAnOperatorError extends Error {
  constructor(readonly actorId: string) {
    super(`user ${actorId} is not an operator`);
  }
}

export class RoleNotGrantableError extends Error {
  constructor(readonly role: string) {
    super(`role "${role}" cannot be granted; only merchant and operator can`);
  }
}
