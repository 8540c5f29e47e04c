import { EventEnvelope, Role } from '@mogul/contracts';
import { RefreshToken } from '../tokens/refresh-token.entity';
import { User } from '../users/user.entity';

export interface UserRepository {
  findById(id: string): Promise<User | null>;
  /** Locks the row until the transaction ends, so concurrent role changes queue up instead of losing one. */
  findByIdForUpdate(id: string): Promise<User | null>;
  /** `email` must already be normalised. */
  findByEmail(email: string): Promise<User | null>;
  /** Throws `EmailTakenError` when the email is taken, even by a registration committed a moment ago. */
  add(user: User): Promise<void>;
  saveRoles(user: User): Promise<void>;
  savePasswordHash(user: User): Promise<void>;
  anyoneHasRole(role: Role): Promise<boolean>;
}

export interface RefreshTokenRepository {
  /** Locks the row, so two refreshes with one token run one after the other. */
  findByHashForUpdate(tokenHash: string): Promise<RefreshToken | null>;
  add(token: RefreshToken): Promise<void>;
  saveRotation(token: RefreshToken): Promise<void>;
  /** Revokes every token of the family that is not revoked yet. */
  revokeFamily(familyId: string, at: Date): Promise<void>;
}

/** What one transaction can touch: the tables, and the outbox for the events it causes. */
export interface IdentityTransaction {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  /** Writes the events to the outbox in this transaction; the relay publishes them after commit. */
  record(events: EventEnvelope[]): Promise<void>;
}

/**
 * Identity's storage as the domain services see it. The production implementation is TypeORM on
 * PostgreSQL; unit specs use an in-memory one with the same rules.
 */
export abstract class IdentityStore {
  /** Reads outside a transaction. */
  abstract readonly users: Pick<UserRepository, 'findById' | 'findByEmail' | 'savePasswordHash'>;

  /** Runs `work` in one transaction: all of its writes and events commit together or not at all. */
  abstract transaction<T>(work: (tx: IdentityTransaction) => Promise<T>): Promise<T>;
}
