import { Injectable, OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { ARGON2_MINIMUMS } from '../config';

export interface Argon2Parameters {
  memoryKib: number;
  timeCost: number;
  parallelism: number;
}

/** Thrown at construction when the parameters are below OWASP's minimum for argon2id. */
export class WeakArgon2ParametersError extends Error {
  constructor(parameters: Argon2Parameters) {
    super(
      `argon2id parameters m=${parameters.memoryKib} KiB, t=${parameters.timeCost}, p=${parameters.parallelism} are below the minimum ` +
        `m=${ARGON2_MINIMUMS.memoryKib}, t=${ARGON2_MINIMUMS.timeCost}, p=${ARGON2_MINIMUMS.parallelism}`,
    );
  }
}

/** argon2id hashing with parameters that never go below OWASP's minimum. */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash?: Promise<string>;

  constructor(private readonly parameters: Argon2Parameters) {
    if (
      parameters.memoryKib < ARGON2_MINIMUMS.memoryKib ||
      parameters.timeCost < ARGON2_MINIMUMS.timeCost ||
      parameters.parallelism < ARGON2_MINIMUMS.parallelism
    ) {
      throw new WeakArgon2ParametersError(parameters);
    }
  }

  /** Computes the dummy hash before the first login needs it, so that login's timing is even from the start. */
  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: this.parameters.memoryKib,
      timeCost: this.parameters.timeCost,
      parallelism: this.parameters.parallelism,
    });
  }

  /** False for a wrong password and for a stored value that is not an argon2 hash. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the time of a real verification and fails. Used when no account has the email, so
   * that "unknown email" cannot be told from "wrong password" by the time the answer takes.
   */
  async verifyAgainstDummy(password: string): Promise<false> {
    await this.verify(await this.dummy(), password);
    return false;
  }

  /** True when the hash was made with other parameters than the configured ones (e.g. before they were raised). */
  needsRehash(passwordHash: string): boolean {
    try {
      return argon2.needsRehash(passwordHash, {
        memoryCost: this.parameters.memoryKib,
        timeCost: this.parameters.timeCost,
        parallelism: this.parameters.parallelism,
      });
    } catch {
      return true;
    }
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    return this.dummyHash;
  }
}
