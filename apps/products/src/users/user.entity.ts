import { Role } from '@mogul/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Products' projection of an account, kept from `identity.user.*`: the name shown on designs. */
@Entity('users')
export class User {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  displayName: string;

  @Column('text', { array: true })
  roles: Role[];

  @Column('timestamptz')
  updatedAt: Date;
}
