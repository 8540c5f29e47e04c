import { EventEnvelope, Role } from '@mogul/contracts';
import { EmailTakenError } from '../../src/errors';
import { RefreshToken } from '../../src/tokens/refresh-token.entity';
import { User } from '../../src/users/user.entity';
import { IdentityStore, IdentityTransaction, RefreshTokenRepository, UserRepository } from '../../src/store/identity-store';

const copyUser = (user: User): User => Object.assign(new User(), user, { roles: [...user.roles] });
const copyToken = (token: RefreshToken): RefreshToken => Object.assign(new RefreshToken(), token);

interface State {
  users: Map<string, User>;
  tokens: Map<string, RefreshToken>;
  outbox: EventEnvelope[];
}

function copyState(state: State): State {
  return {
    users: new Map([...state.users].map(([id, user]) => [id, copyUser(user)])),
    tokens: new Map([...state.tokens].map(([id, token]) => [id, copyToken(token)])),
    outbox: [...state.outbox],
  };
}

class MemoryUsers implements UserRepository {
  constructor(private readonly state: () => State) {}

  async findById(id: string): Promise<User | null> {
    const user = this.state().users.get(id);
    return user ? copyUser(user) : null;
  }

  findByIdForUpdate(id: string): Promise<User | null> {
    return this.findById(id);
  }

  async findByEmail(email: string): Promise<User | null> {
    const user = [...this.state().users.values()].find((u) => u.email === email);
    return user ? copyUser(user) : null;
  }

  async add(user: User): Promise<void> {
    if ([...this.state().users.values()].some((u) => u.email === user.email)) throw new EmailTakenError();
    this.state().users.set(user.id, copyUser(user));
  }

  async saveRoles(user: User): Promise<void> {
    const stored = this.state().users.get(user.id);
    if (stored) Object.assign(stored, { roles: [...user.roles], updatedAt: user.updatedAt });
  }

  async savePasswordHash(user: User): Promise<void> {
    const stored = this.state().users.get(user.id);
    if (stored) Object.assign(stored, { passwordHash: user.passwordHash, updatedAt: user.updatedAt });
  }

  async anyoneHasRole(role: Role): Promise<boolean> {
    return [...this.state().users.values()].some((u) => u.roles.includes(role));
  }
}

class MemoryRefreshTokens implements RefreshTokenRepository {
  constructor(private readonly state: () => State) {}

  async findByHashForUpdate(tokenHash: string): Promise<RefreshToken | null> {
    const token = [...this.state().tokens.values()].find((t) => t.tokenHash === tokenHash);
    return token ? copyToken(token) : null;
  }

  async add(token: RefreshToken): Promise<void> {
    if ([...this.state().tokens.values()].some((t) => t.tokenHash === token.tokenHash)) throw new Error('duplicate token hash');
    this.state().tokens.set(token.id, copyToken(token));
  }

  async saveRotation(token: RefreshToken): Promise<void> {
    const stored = this.state().tokens.get(token.id);
    if (stored) Object.assign(stored, { rotatedAt: token.rotatedAt, replacedById: token.replacedById });
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    for (const token of this.state().tokens.values()) if (token.familyId === familyId && !token.revokedAt) token.revokedAt = at;
  }
}

/**
 * The store's rules without PostgreSQL, for unit specs: unique emails, one transaction at a time
 * (standing in for row locks), and all-or-nothing commits including the outbox.
 */
export class InMemoryIdentityStore extends IdentityStore {
  private committed: State = { users: new Map(), tokens: new Map(), outbox: [] };
  private queue: Promise<unknown> = Promise.resolve();

  readonly users = new MemoryUsers(() => this.committed);

  /** Events committed to the outbox, oldest first. */
  get outbox(): EventEnvelope[] {
    return [...this.committed.outbox];
  }

  get refreshTokens(): RefreshToken[] {
    return [...this.committed.tokens.values()].map(copyToken);
  }

  transaction<T>(work: (tx: IdentityTransaction) => Promise<T>): Promise<T> {
    const run = async () => {
      const draft = copyState(this.committed);
      const result = await work({
        users: new MemoryUsers(() => draft),
        refreshTokens: new MemoryRefreshTokens(() => draft),
        record: async (events) => {
          draft.outbox.push(...events);
        },
      });
      this.committed = draft;
      return result;
    };
    const next = this.queue.then(run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
