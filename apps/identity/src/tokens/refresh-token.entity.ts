import { randomUUID } from 'node:crypto';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type RefreshTokenState = 'active' | 'rotated' | 'revoked' | 'expired';

/**
 * One refresh token, stored only as the SHA-256 of its secret. Tokens that descend from one login
 * form a family: each refresh rotates the presented token into a successor in the same family, and
 * any trouble with one token (reuse, logout) revokes the whole family.
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  familyId: string;

  @Column('uuid')
  userId: string;

  /** Hex SHA-256 of the secret the client holds; unique. */
  @Column('text')
  tokenHash: string;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  rotatedAt: Date | null;

  @Column('uuid', { nullable: true })
  replacedById: string | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  /** The first token of a new family, made at login or registration. */
  static startFamily(userId: string, tokenHash: string, at: Date, ttlSeconds: number): RefreshToken {
    return RefreshToken.create(randomUUID(), userId, tokenHash, at, ttlSeconds);
  }

  private static create(familyId: string, userId: string, tokenHash: string, at: Date, ttlSeconds: number): RefreshToken {
    const token = new RefreshToken();
    token.id = randomUUID();
    token.familyId = familyId;
    token.userId = userId;
    token.tokenHash = tokenHash;
    token.createdAt = at;
    token.expiresAt = new Date(at.getTime() + ttlSeconds * 1000);
    token.rotatedAt = null;
    token.replacedById = null;
    token.revokedAt = null;
    return token;
  }

  /**
   * What presenting this token means now. Revocation wins over everything; a rotated token is
   * reported as such even when it has also expired, because its return is the sign of theft.
   */
  stateAt(now: Date): RefreshTokenState {
    if (this.revokedAt) return 'revoked';
    if (this.rotatedAt) return 'rotated';
    if (now.getTime() >= this.expiresAt.getTime()) return 'expired';
    return 'active';
  }

  /** Marks this token used and returns its successor in the same family. */
  rotate(successorHash: string, at: Date, ttlSeconds: number): RefreshToken {
    if (this.stateAt(at) !== 'active') throw new Error(`refresh token ${this.id} is ${this.stateAt(at)} and cannot rotate`);
    const successor = RefreshToken.create(this.familyId, this.userId, successorHash, at, ttlSeconds);
    this.rotatedAt = at;
    this.replacedById = successor.id;
    return successor;
  }
}
