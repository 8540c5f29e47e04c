import { Logger } from '@nestjs/common';
import {
  EmailTakenError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  NotAnOperatorError,
  RefreshTokenReusedError,
  RequestValidationError,
  RoleNotGrantableError,
  UserNotFoundError,
} from './errors';
import { answer, failureFor } from '@mogul/messaging';

beforeAll(() => Logger.overrideLogger(false));

describe('failureFor', () => {
  it('maps each error to its reply code', () => {
    expect(failureFor(new RequestValidationError([{ field: 'email', message: 'bad' }]))).toEqual({
      ok: false,
      error: { code: 'validation', message: 'request is invalid', errors: [{ field: 'email', message: 'bad' }] },
    });
    expect(failureFor(new RoleNotGrantableError('creator'))).toMatchObject({ error: { code: 'validation', errors: [{ field: 'role' }] } });
    expect(failureFor(new EmailTakenError())).toMatchObject({ error: { code: 'conflict' } });
    expect(failureFor(new InvalidCredentialsError())).toMatchObject({ error: { code: 'unauthenticated' } });
    expect(failureFor(new NotAnOperatorError('a'))).toMatchObject({ error: { code: 'forbidden' } });
    expect(failureFor(new UserNotFoundError('u'))).toMatchObject({ error: { code: 'not-found' } });
  });

  it('answers reuse of a refresh token exactly like any other bad token', () => {
    expect(failureFor(new RefreshTokenReusedError('family'))).toEqual(failureFor(new InvalidRefreshTokenError()));
  });

  it('hides unexpected errors behind internal', () => {
    expect(failureFor(new Error('connection string with a password'))).toEqual({
      ok: false,
      error: { code: 'internal', message: 'internal error' },
    });
  });
});

describe('answer', () => {
  it('wraps a value or a failure and never throws', async () => {
    await expect(answer(async () => 42)).resolves.toEqual({ ok: true, value: 42 });
    await expect(answer(async () => Promise.reject(new EmailTakenError()))).resolves.toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});
