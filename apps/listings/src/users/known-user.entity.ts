import { Role } from '@mogul/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The listings service's projection of a user: the roles it knows them to hold, from
 * `identity.user.*` events and from access tokens the gateway verified.
 */
@Entity('known_users')
export class KnownUser {
  @PrimaryColumn('uuid')
  userId: string;

  @Column('text', { array: true })
  roles: Role[];

  /** When an identity event last told us about the user; null while only a token has. */
  @Column('timestamptz', { nullable: true })
  lastEventAt: Date | null;

  @Column('timestamptz')
  updatedAt: Date;
}
