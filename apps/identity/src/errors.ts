import { DomainError } from '@mogul/http';

/**
 * What can go wrong in identity, as types. Each says which code it is (the problem filter of
 * @mogul/http maps codes to HTTP statuses); the message is the problem's `detail`, which the
 * caller reads, so it never tells more than the caller may know.
 */

export class EmailTakenError extends DomainError {
  readonly code = 'conflict' as const;
  constructor() {
    super('an account with this email already exists');
  }
}

/** Deliberately the same for an unknown email and a wrong password. */
export class InvalidCredentialsError extends DomainError {
  readonly code = 'unauthenticated' as const;
  constructor() {
    super('email or password is incorrect');
  }
}

const INVALID_REFRESH_TOKEN = 'refresh token is invalid, expired or revoked';

/** Unknown, expired or revoked refresh token. */
export class InvalidRefreshTokenError extends DomainError {
  readonly code = 'unauthenticated' as const;
  constructor() {
    super(INVALID_REFRESH_TOKEN);
  }
}

/**
 * A refresh token that was already rotated came back: its family has been revoked. The caller
 * reads the same as for any bad token; the family is kept for the logs.
 */
export class RefreshTokenReusedError extends DomainError {
  readonly code = 'unauthenticated' as const;
  constructor(readonly familyId: string) {
    super(INVALID_REFRESH_TOKEN);
  }
}

export class UserNotFoundError extends DomainError {
  readonly code = 'not-found' as const;
  constructor(readonly userId: string) {
    super('user not found');
  }
}

export class NotAnOperatorError extends DomainError {
  readonly code = 'forbidden' as const;
  constructor(readonly actorId: string) {
    super('only an operator can grant roles');
  }
}

export class RoleNotGrantableError extends DomainError {
  readonly code = 'validation' as const;
  constructor(readonly role: string) {
    super('request is invalid');
    this.problems = [{ field: 'role', message: `role "${role}" cannot be granted; only merchant and operator can` }];
  }
}
