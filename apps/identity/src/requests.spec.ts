import { RequestValidationError } from './errors';
import { causeOf, validBody } from '@mogul/messaging';
import { GrantRoleBody } from './users/dto/grant-role.body';
import { LoginBody } from './users/dto/login.body';
import { RegisterBody } from './users/dto/register.body';

async function problemsOf(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RequestValidationError);
  return (error as RequestValidationError).problems;
}

describe('validBody', () => {
  it('accepts a good body, trims email and name, and drops unknown fields', async () => {
    const body = await validBody(RegisterBody, {
      correlationId: 'c',
      body: { email: ' Ann@Example.com ', password: 'long enough too', displayName: ' Ann ', roles: ['operator'] },
    });
    expect(body).toEqual({ email: 'Ann@Example.com', password: 'long enough too', displayName: 'Ann' });
  });

  it('names every bad field', async () => {
    const problems = await problemsOf(validBody(RegisterBody, { body: { email: 'nope', password: 'short', displayName: '   ' } }));
    expect(problems.map((p) => p.field).sort()).toEqual(['displayName', 'email', 'password']);
  });

  it('refuses a message without an object body', async () => {
    expect(await problemsOf(validBody(LoginBody, { correlationId: 'c' }))).toEqual([{ field: 'body', message: 'body must be an object' }]);
    expect(await problemsOf(validBody(LoginBody, 'text'))).toEqual([{ field: 'body', message: 'body must be an object' }]);
  });

  it('only lets merchant and operator through as a granted role', async () => {
    const ids = { actorId: '7b0c2a8e-4a51-4a3e-9f2d-2b1f1c0d9e11', userId: '8c1d3b9f-5b62-4b4f-8a3e-3c2a2d1e0f22' };
    await expect(validBody(GrantRoleBody, { body: { ...ids, role: 'merchant' } })).resolves.toMatchObject({ role: 'merchant' });
    const problems = await problemsOf(validBody(GrantRoleBody, { body: { ...ids, role: 'creator' } }));
    expect(problems).toEqual([{ field: 'role', message: 'role must be one of: merchant, operator' }]);
  });
});

describe('causeOf', () => {
  it('carries the caller’s correlation id, or makes one', () => {
    expect(causeOf({ correlationId: 'abc', body: {} })).toEqual({ correlationId: 'abc', causationId: null });
    expect(causeOf({ body: {} }).correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
