import { Logger } from '@nestjs/common';
import { IdentityEvents, UserRegisteredV1, UserRoleGrantedV1 } from '@mogul/contracts';
import { EmailTakenError, InvalidCredentialsError, NotAnOperatorError, RoleNotGrantableError, UserNotFoundError } from '../errors';
import { FakeClock, FakePasswordHasher, testConfig } from '../../test/support/fakes';
import { InMemoryIdentityStore } from '../../test/support/in-memory-identity-store';
import { UserService } from './user.service';

const cause = { correlationId: 'corr-1', causationId: null };
const FIRST_OPERATOR = 'boss@mogul.local';

function setUp(env: Record<string, string> = {}) {
  const store = new InMemoryIdentityStore();
  const passwords = new FakePasswordHasher();
  const clock = new FakeClock();
  const users = new UserService(store, passwords, testConfig(env), clock);
  return { store, passwords, clock, users };
}

beforeAll(() => Logger.overrideLogger(false));

const ann = { email: 'Ann@Example.com ', password: 'correct horse', displayName: ' Ann ' };

describe('UserService.register', () => {
  it('creates a shopper with a normalised email and records identity.user.registered', async () => {
    const { store, users } = setUp();
    const user = await users.register(ann, cause);

    expect(user.profile()).toMatchObject({ email: 'ann@example.com', displayName: 'Ann', roles: ['shopper'] });
    expect(user.passwordHash).toBe('hashed:correct horse');
    expect(store.outbox).toHaveLength(1);
    const [event] = store.outbox;
    expect(event).toMatchObject({
      type: IdentityEvents.userRegistered.type,
      version: 1,
      aggregateId: user.id,
      correlationId: 'corr-1',
      causationId: null,
    });
    expect(event.payload as UserRegisteredV1).toEqual({
      userId: user.id,
      email: 'ann@example.com',
      displayName: 'Ann',
      roles: ['shopper'],
      registeredAt: user.createdAt.toISOString(),
    });
  });

  it('refuses an email that differs only in case or spaces, and records nothing for it', async () => {
    const { store, users } = setUp();
    await users.register(ann, cause);
    await expect(users.register({ ...ann, email: '  ANN@example.COM' }, cause)).rejects.toBeInstanceOf(EmailTakenError);
    expect(store.outbox).toHaveLength(1);
  });

  it('makes the configured first operator an operator while no operator exists', async () => {
    const { store, users } = setUp({ FIRST_OPERATOR_EMAIL: FIRST_OPERATOR });
    const boss = await users.register({ ...ann, email: 'Boss@Mogul.local' }, cause);

    expect(boss.roles).toEqual(['shopper', 'operator']);
    expect(store.outbox.map((e) => e.type)).toEqual([IdentityEvents.userRegistered.type, IdentityEvents.userRoleGranted.type]);
    expect((store.outbox[0].payload as UserRegisteredV1).roles).toEqual(['shopper']);
    expect(store.outbox[1].payload as UserRoleGrantedV1).toEqual({
      userId: boss.id,
      role: 'operator',
      roles: ['shopper', 'operator'],
      grantedBy: null,
    });
  });

  it('gives other emails no operator role', async () => {
    const { users } = setUp({ FIRST_OPERATOR_EMAIL: FIRST_OPERATOR });
    expect((await users.register(ann, cause)).roles).toEqual(['shopper']);
  });
});

describe('UserService.authenticate', () => {
  it('finds the user whatever the case of the email', async () => {
    const { users } = setUp();
    const registered = await users.register(ann, cause);
    await expect(users.authenticate('ANN@EXAMPLE.COM', 'correct horse')).resolves.toMatchObject({ id: registered.id });
  });

  it('answers a wrong password and an unknown email with the same error, each after one verification', async () => {
    const { users, passwords } = setUp();
    await users.register(ann, cause);
    passwords.calls.length = 0;

    const wrongPassword = await users.authenticate(ann.email, 'wrong').catch((e: unknown) => e);
    expect(passwords.calls).toEqual(['verify']);
    passwords.calls.length = 0;
    const unknownEmail = await users.authenticate('nobody@example.com', 'wrong').catch((e: unknown) => e);
    expect(passwords.calls).toEqual(['verify-dummy']);

    expect(wrongPassword).toBeInstanceOf(InvalidCredentialsError);
    expect(unknownEmail).toBeInstanceOf(InvalidCredentialsError);
    expect((wrongPassword as Error).message).toBe((unknownEmail as Error).message);
  });

  it('rehashes a password made with outdated parameters after a successful login', async () => {
    const { users, passwords, store } = setUp();
    const user = await users.register(ann, cause);
    passwords.outdated.add(user.passwordHash);
    passwords.calls.length = 0;

    await users.authenticate(ann.email, ann.password);

    expect(passwords.calls).toEqual(['verify', 'hash']);
    expect(store.outbox).toHaveLength(1);
  });
});

describe('UserService.becomeCreator', () => {
  it('adds the creator role once and records the grant by the user themself', async () => {
    const { users, store } = setUp();
    const user = await users.register(ann, cause);

    const creator = await users.becomeCreator(user.id, cause);
    expect(creator.roles).toEqual(['shopper', 'creator']);
    const again = await users.becomeCreator(user.id, cause);
    expect(again.roles).toEqual(['shopper', 'creator']);

    const grants = store.outbox.filter((e) => e.type === IdentityEvents.userRoleGranted.type);
    expect(grants).toHaveLength(1);
    expect(grants[0].payload).toEqual({ userId: user.id, role: 'creator', roles: ['shopper', 'creator'], grantedBy: user.id });
    expect((await users.profile(user.id)).roles).toEqual(['shopper', 'creator']);
  });

  it('answers not found for an unknown user', async () => {
    const { users } = setUp();
    await expect(users.becomeCreator('00000000-0000-4000-8000-000000000000', cause)).rejects.toBeInstanceOf(UserNotFoundError);
  });
});

describe('UserService.grantRole', () => {
  async function withOperator() {
    const context = setUp({ FIRST_OPERATOR_EMAIL: FIRST_OPERATOR });
    const operator = await context.users.register({ ...ann, email: FIRST_OPERATOR }, cause);
    const shopper = await context.users.register({ ...ann, email: 'shopper@example.com' }, cause);
    return { ...context, operator, shopper };
  }

  it('lets an operator grant merchant, recording who granted it', async () => {
    const { users, store, operator, shopper } = await withOperator();
    const merchant = await users.grantRole(operator.id, shopper.id, 'merchant', cause);

    expect(merchant.roles).toEqual(['shopper', 'merchant']);
    expect(store.outbox.at(-1)).toMatchObject({
      type: IdentityEvents.userRoleGranted.type,
      aggregateId: shopper.id,
      payload: { userId: shopper.id, role: 'merchant', roles: ['shopper', 'merchant'], grantedBy: operator.id },
    });
  });

  it('checks the actor against its own data: a shopper or an unknown actor is refused', async () => {
    const { users, store, shopper, operator } = await withOperator();
    const before = store.outbox.length;
    await expect(users.grantRole(shopper.id, operator.id, 'merchant', cause)).rejects.toBeInstanceOf(NotAnOperatorError);
    await expect(users.grantRole('00000000-0000-4000-8000-000000000000', shopper.id, 'operator', cause)).rejects.toBeInstanceOf(
      NotAnOperatorError,
    );
    expect(store.outbox).toHaveLength(before);
  });

  it('answers not found for an unknown target user', async () => {
    const { users, operator } = await withOperator();
    await expect(users.grantRole(operator.id, '00000000-0000-4000-8000-000000000000', 'merchant', cause)).rejects.toBeInstanceOf(
      UserNotFoundError,
    );
  });

  it('refuses to grant creator or shopper: those are not an operator’s to give', async () => {
    const { users, operator, shopper } = await withOperator();
    await expect(users.grantRole(operator.id, shopper.id, 'creator', cause)).rejects.toBeInstanceOf(RoleNotGrantableError);
  });

  it('records nothing when the user already holds the role', async () => {
    const { users, store, operator, shopper } = await withOperator();
    await users.grantRole(operator.id, shopper.id, 'operator', cause);
    const before = store.outbox.length;
    await users.grantRole(operator.id, shopper.id, 'operator', cause);
    expect(store.outbox).toHaveLength(before);
  });
});

describe('UserService.promoteFirstOperator', () => {
  it('promotes an existing account with the configured email at start-up', async () => {
    const plain = setUp();
    const boss = await plain.users.register({ ...ann, email: FIRST_OPERATOR }, cause);
    expect(boss.roles).toEqual(['shopper']);

    const configured = new UserService(plain.store, plain.passwords, testConfig({ FIRST_OPERATOR_EMAIL: FIRST_OPERATOR }), plain.clock);
    const promoted = await configured.promoteFirstOperator(cause);

    expect(promoted?.roles).toEqual(['shopper', 'operator']);
    expect(plain.store.outbox.at(-1)?.payload).toMatchObject({ userId: boss.id, role: 'operator', grantedBy: null });
    await expect(configured.promoteFirstOperator(cause)).resolves.toBeUndefined();
  });

  it('does nothing once any operator exists, so a changed setting mints no new operator', async () => {
    const { users, store, passwords, clock } = setUp({ FIRST_OPERATOR_EMAIL: FIRST_OPERATOR });
    await users.register({ ...ann, email: FIRST_OPERATOR }, cause);
    const late = await users.register({ ...ann, email: 'late@example.com' }, cause);

    const changed = new UserService(store, passwords, testConfig({ FIRST_OPERATOR_EMAIL: 'late@example.com' }), clock);
    await expect(changed.promoteFirstOperator(cause)).resolves.toBeUndefined();
    expect((await changed.profile(late.id)).roles).toEqual(['shopper']);
  });

  it('does nothing without the setting or without the account', async () => {
    await expect(setUp().users.promoteFirstOperator(cause)).resolves.toBeUndefined();
    await expect(setUp({ FIRST_OPERATOR_EMAIL: FIRST_OPERATOR }).users.promoteFirstOperator(cause)).resolves.toBeUndefined();
  });
});
