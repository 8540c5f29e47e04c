import { Role, UserProfile } from '@mogul/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { canonicalRoles } from './roles';

export interface NewUser {
  id: string;
  /** Already normalised (see `normaliseEmail`). */
  email: string;
  passwordHash: string;
  displayName: string;
  at: Date;
}

/** A person with an account. Everyone is a shopper; other roles are added, never removed here. */
@Entity('users')
export class User {
  @PrimaryColumn('uuid')
  id: string;

  /** Unique through the index `uq_users_email`, which also settles concurrent registrations. */
  @Column('text')
  email: string;

  @Column('text')
  passwordHash: string;

  @Column('text')
  displayName: string;

  @Column('text', { array: true })
  roles: Role[];

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;

  static register(details: NewUser): User {
    const user = new User();
    user.id = details.id;
    user.email = details.email;
    user.passwordHash = details.passwordHash;
    user.displayName = details.displayName;
    user.roles = ['shopper'];
    user.createdAt = details.at;
    user.updatedAt = details.at;
    return user;
  }

  hasRole(role: Role): boolean {
    return this.roles.includes(role);
  }

  /** Adds the role; returns false when the user already held it, so callers record no event. */
  grant(role: Role, at: Date): boolean {
    if (this.hasRole(role)) return false;
    this.roles = canonicalRoles([...this.roles, role]);
    this.updatedAt = at;
    return true;
  }

  changePasswordHash(passwordHash: string, at: Date): void {
    this.passwordHash = passwordHash;
    this.updatedAt = at;
  }

  profile(): UserProfile {
    return {
      id: this.id,
      email: this.email,
      displayName: this.displayName,
      roles: [...this.roles],
      createdAt: this.createdAt.toISOString(),
    };
  }
}
