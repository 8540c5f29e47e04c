/** Why a request could not be authenticated; an expired or forged token reads as `invalid-token`. */
export type UnauthenticatedReason = 'missing-token' | 'invalid-token';

/** No usable credentials; answered 401 with a `WWW-Authenticate: Bearer` challenge. */
export class UnauthenticatedError extends Error {
  constructor(
    readonly reason: UnauthenticatedReason,
    message: string,
  ) {
    super(message);
  }
}
