import { Injectable } from '@nestjs/common';
import { appendToOutbox } from '@mogul/messaging';
import { Role } from '@mogul/contracts';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { EmailTakenError } from '../errors';
import { RefreshToken } from '../tokens/refresh-token.entity';
import { User } from '../users/user.entity';
import { IdentityStore, IdentityTransaction, RefreshTokenRepository, UserRepository } from './identity-store';

class TypeormUsers implements UserRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repository() {
    return this.manager.getRepository(User);
  }

  findById(id: string): Promise<User | null> {
    return this.repository.findOneBy({ id });
  }

  findByIdForUpdate(id: string): Promise<User | null> {
    return this.repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.repository.findOneBy({ email });
  }

  /**
   * ON CONFLICT DO NOTHING lets the unique index decide, also between concurrent registrations,
   * without a failed statement (which would abort the transaction and log the row).
   */
  async add(user: User): Promise<void> {
    const result = await this.repository.createQueryBuilder().insert().into(User).values(user).orIgnore().returning(['id']).execute();
    if ((result.raw as unknown[]).length === 0) throw new EmailTakenError();
  }

  async saveRoles(user: User): Promise<void> {
    await this.repository.update({ id: user.id }, { roles: user.roles, updatedAt: user.updatedAt });
  }

  async savePasswordHash(user: User): Promise<void> {
    await this.repository.update({ id: user.id }, { passwordHash: user.passwordHash, updatedAt: user.updatedAt });
  }

  anyoneHasRole(role: Role): Promise<boolean> {
    return this.repository.createQueryBuilder('u').where(':role = ANY(u.roles)', { role }).getExists();
  }
}

class TypeormRefreshTokens implements RefreshTokenRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repository() {
    return this.manager.getRepository(RefreshToken);
  }

  findByHashForUpdate(tokenHash: string): Promise<RefreshToken | null> {
    return this.repository.findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async add(token: RefreshToken): Promise<void> {
    await this.repository.insert(token);
  }

  async saveRotation(token: RefreshToken): Promise<void> {
    await this.repository.update({ id: token.id }, { rotatedAt: token.rotatedAt, replacedById: token.replacedById });
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.repository.update({ familyId, revokedAt: IsNull() }, { revokedAt: at });
  }
}

@Injectable()
export class TypeormIdentityStore extends IdentityStore {
  readonly users: TypeormUsers;

  constructor(private readonly dataSource: DataSource) {
    super();
    this.users = new TypeormUsers(dataSource.manager);
  }

  transaction<T>(work: (tx: IdentityTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) =>
      work({
        users: new TypeormUsers(manager),
        refreshTokens: new TypeormRefreshTokens(manager),
        record: (events) => appendToOutbox(manager, events),
      }),
    );
  }
}
