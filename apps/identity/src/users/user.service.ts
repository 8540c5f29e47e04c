import { Clock } from '@mogul/http';
import { Injectable, Logger } from '@nestjs/common';
import { Causation, envelope, NewEvent, Role } from '@mogul/contracts';
import { randomUUID } from 'node:crypto';
import { IdentityConfig } from '../config';
import { InvalidCredentialsError, NotAnOperatorError, UserNotFoundError } from '../errors';
import { PasswordHasher } from '../passwords/password-hasher';
import { IdentityStore, IdentityTransaction } from '../store/identity-store';
import { normaliseEmail, sameEmail } from './email';
import { assertGrantable } from './roles';
import { User } from './user.entity';
import { userRegistered, userRoleGranted } from './user.events';

export interface Registration {
  email: string;
  password: string;
  displayName: string;
}

/**
 * Accounts and roles. Every change other services care about is recorded as an event in the same
 * transaction as the change.
 *
 * The first operator: while no user holds the operator role, the account whose email equals
 * FIRST_OPERATOR_EMAIL becomes operator, either when it registers or, if it already exists, when
 * identity starts. Once any operator exists the setting has no further effect, so changing it
 * later cannot mint a new operator; operators grant the role from then on.
 */
@Injectable()
export class UserService {
  private readonly logger = new Logger(UserService.name);

  constructor(
    private readonly store: IdentityStore,
    private readonly passwords: PasswordHasher,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  /** A new shopper. Throws `EmailTakenError` when the normalised email is taken. */
  async register(registration: Registration, cause: Causation): Promise<User> {
    const email = normaliseEmail(registration.email);
    // Hashing is slow on purpose; it happens before the transaction so that no connection waits on it.
    const passwordHash = await this.passwords.hash(registration.password);
    return this.store.transaction(async (tx) => {
      const now = this.clock.now();
      const user = User.register({ id: randomUUID(), email, passwordHash, displayName: registration.displayName.trim(), at: now });
      const events: NewEvent[] = [userRegistered(user)];
      if (await this.isFirstOperator(tx, user)) {
        user.grant('operator', now);
        events.push(userRoleGranted(user, 'operator', null));
        this.logger.log(`user ${user.id} registered as the first operator`);
      }
      await tx.users.add(user);
      await tx.record(events.map((event) => envelope(event, cause, now)));
      return user;
    });
  }

  /**
   * The user with this email and password. An unknown email and a wrong password both throw
   * `InvalidCredentialsError` after one argon2 verification each, so neither the answer nor its
   * timing tells them apart.
   */
  async authenticate(email: string, password: string): Promise<User> {
    const user = await this.store.users.findByEmail(normaliseEmail(email));
    if (!user) {
      await this.passwords.verifyAgainstDummy(password);
      throw new InvalidCredentialsError();
    }
    if (!(await this.passwords.verify(user.passwordHash, password))) throw new InvalidCredentialsError();
    if (this.passwords.needsRehash(user.passwordHash)) {
      user.changePasswordHash(await this.passwords.hash(password), this.clock.now());
      await this.store.users.savePasswordHash(user);
    }
    return user;
  }

  async profile(userId: string): Promise<User> {
    const user = await this.store.users.findById(userId);
    if (!user) throw new UserNotFoundError(userId);
    return user;
  }

  /** A shopper opts in as a creator. Opting in again changes nothing and records nothing. */
  becomeCreator(userId: string, cause: Causation): Promise<User> {
    return this.store.transaction(async (tx) => {
      const user = await tx.users.findByIdForUpdate(userId);
      if (!user) throw new UserNotFoundError(userId);
      await this.grantWithin(tx, user, 'creator', user.id, cause);
      return user;
    });
  }

  /**
   * An operator grants merchant or operator. The actor's role is checked against identity's own
   * data, not only the caller's token. Granting a role the user holds changes nothing.
   */
  async grantRole(actorId: string, userId: string, role: Role, cause: Causation): Promise<User> {
    assertGrantable(role);
    return this.store.transaction(async (tx) => {
      const actor = await tx.users.findById(actorId);
      if (!actor?.hasRole('operator')) throw new NotAnOperatorError(actorId);
      const user = await tx.users.findByIdForUpdate(userId);
      if (!user) throw new UserNotFoundError(userId);
      await this.grantWithin(tx, user, role, actor.id, cause);
      return user;
    });
  }

  /**
   * At start-up: makes the configured account operator if it exists and nobody is operator yet.
   * Returns the user it promoted, if any. Safe to run from several replicas at once.
   */
  async promoteFirstOperator(cause: Causation): Promise<User | undefined> {
    const configured = this.config.FIRST_OPERATOR_EMAIL;
    if (!configured) return undefined;
    const candidate = await this.store.users.findByEmail(normaliseEmail(configured));
    if (!candidate) return undefined;
    return this.store.transaction(async (tx) => {
      const user = await tx.users.findByIdForUpdate(candidate.id);
      if (!user || !(await this.isFirstOperator(tx, user))) return undefined;
      await this.grantWithin(tx, user, 'operator', null, cause);
      this.logger.log(`existing user ${user.id} promoted to first operator`);
      return user;
    });
  }

  private async isFirstOperator(tx: IdentityTransaction, user: User): Promise<boolean> {
    return (
      sameEmail(user.email, this.config.FIRST_OPERATOR_EMAIL) && !user.hasRole('operator') && !(await tx.users.anyoneHasRole('operator'))
    );
  }

  private async grantWithin(tx: IdentityTransaction, user: User, role: Role, grantedBy: string | null, cause: Causation): Promise<void> {
    const now = this.clock.now();
    if (!user.grant(role, now)) return;
    await tx.users.saveRoles(user);
    await tx.record([envelope(userRoleGranted(user, role, grantedBy), cause, now)]);
  }
}
