import { ArgumentMetadata } from '@nestjs/common';
import { FieldProblem, RequestValidationError, serviceValidationPipe } from '@mogul/http';
import { GrantRoleBody } from './users/dto/grant-role.body';
import { LoginBody } from './users/dto/login.body';
import { RegisterBody } from './users/dto/register.body';
import { UserIdParams } from './users/dto/user-id.params';

/** What identity's handlers receive: each request part checked by the pipe every service installs. */
const pipe = serviceValidationPipe();

const valid = (metatype: ArgumentMetadata['metatype'], value: unknown, type: ArgumentMetadata['type'] = 'body'): Promise<unknown> =>
  pipe.transform(value, { type, metatype });

async function problemsOf(promise: Promise<unknown>): Promise<FieldProblem[]> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RequestValidationError);
  return (error as RequestValidationError).problems;
}

describe('request validation', () => {
  it('accepts a good registration, trims email and name, and drops unknown fields', async () => {
    const body = await valid(RegisterBody, {
      email: ' Ann@Example.com ',
      password: 'long enough too',
      displayName: ' Ann ',
      roles: ['operator'],
    });
    expect(body).toBeInstanceOf(RegisterBody);
    expect({ ...(body as RegisterBody) }).toEqual({ email: 'Ann@Example.com', password: 'long enough too', displayName: 'Ann' });
  });

  it('names every bad field', async () => {
    const problems = await problemsOf(valid(RegisterBody, { email: 'nope', password: 'short', displayName: '   ' }));
    expect([...new Set(problems.map((p) => p.field))].sort()).toEqual(['displayName', 'email', 'password']);
  });

  it('refuses a missing body field by field', async () => {
    const problems = await problemsOf(valid(LoginBody, undefined));
    expect([...new Set(problems.map((p) => p.field))].sort()).toEqual(['email', 'password']);
  });

  it('only lets merchant and operator through as a granted role', async () => {
    await expect(valid(GrantRoleBody, { role: 'merchant' })).resolves.toMatchObject({ role: 'merchant' });
    expect(await problemsOf(valid(GrantRoleBody, { role: 'creator' }))).toEqual([
      { field: 'role', message: 'role must be one of: merchant, operator' },
    ]);
  });

  it('wants a UUID for the user in the path', async () => {
    await expect(valid(UserIdParams, { id: '8c1d3b9f-5b62-4b4f-8a3e-3c2a2d1e0f22' }, 'param')).resolves.toMatchObject({
      id: '8c1d3b9f-5b62-4b4f-8a3e-3c2a2d1e0f22',
    });
    expect(await problemsOf(valid(UserIdParams, { id: 'me' }, 'param'))).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
  });
});
