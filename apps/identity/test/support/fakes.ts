import { Clock } from '@mogul/http';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '@mogul/observability';
import { ARGON2_MINIMUMS, IdentityConfig } from '../../src/config';
import { PasswordHasher } from '../../src/passwords/password-hasher';
import { jwtModuleOptions } from '../../src/tokens/jwt-options';

/** Fakes for unit specs of the domain services; none of them touches Kafka or a database. */

export function testConfig(env: Record<string, string> = {}): IdentityConfig {
  return loadConfig(IdentityConfig, { JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256', ...env });
}

export class FakeClock extends Clock {
  constructor(private current = new Date('2025-01-01T00:00:00Z')) {
    super();
  }

  override now(): Date {
    return new Date(this.current);
  }

  advanceSeconds(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

/** Reversible "hashing" that records what it was asked to do. */
export class FakePasswordHasher extends PasswordHasher {
  readonly calls: string[] = [];
  outdated = new Set<string>();

  constructor() {
    super({ memoryKib: ARGON2_MINIMUMS.memoryKib, timeCost: ARGON2_MINIMUMS.timeCost, parallelism: ARGON2_MINIMUMS.parallelism });
  }

  override async onModuleInit(): Promise<void> {}

  override async hash(password: string): Promise<string> {
    this.calls.push('hash');
    return `hashed:${password}`;
  }

  override async verify(passwordHash: string, password: string): Promise<boolean> {
    this.calls.push('verify');
    return passwordHash === `hashed:${password}`;
  }

  override async verifyAgainstDummy(): Promise<false> {
    this.calls.push('verify-dummy');
    return false;
  }

  override needsRehash(passwordHash: string): boolean {
    return this.outdated.has(passwordHash);
  }
}

export function testJwt(config: IdentityConfig): JwtService {
  return new JwtService(jwtModuleOptions(config));
}
