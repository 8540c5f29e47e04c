import { serviceProblemOf } from '@mogul/http';
import {
  EmailTakenError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  NotAnOperatorError,
  RefreshTokenReusedError,
  RoleNotGrantableError,
  UserNotFoundError,
} from './errors';

const problemOf = (error: Error) => serviceProblemOf(error, '/internal/v1/auth/refresh', 'c').problem;

describe('identity errors as problems', () => {
  it('answers each error with its status, detail and field errors', () => {
    expect(problemOf(new EmailTakenError())).toMatchObject({ status: 409, detail: 'an account with this email already exists' });
    expect(problemOf(new InvalidCredentialsError())).toMatchObject({ status: 401, detail: 'email or password is incorrect' });
    expect(problemOf(new NotAnOperatorError('a'))).toMatchObject({ status: 403, detail: 'only an operator can grant roles' });
    expect(problemOf(new UserNotFoundError('u'))).toMatchObject({ status: 404, detail: 'user not found' });
    expect(problemOf(new RoleNotGrantableError('creator'))).toMatchObject({
      status: 400,
      detail: 'request is invalid',
      errors: [{ field: 'role', message: 'role "creator" cannot be granted; only merchant and operator can' }],
    });
  });

  it('answers reuse of a refresh token exactly like any other bad token', () => {
    expect(problemOf(new RefreshTokenReusedError('family'))).toEqual(problemOf(new InvalidRefreshTokenError()));
    expect(problemOf(new InvalidRefreshTokenError())).toMatchObject({
      status: 401,
      detail: 'refresh token is invalid, expired or revoked',
    });
  });
});
