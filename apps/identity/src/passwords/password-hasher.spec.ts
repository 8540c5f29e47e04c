import { ARGON2_MINIMUMS } from '../config';
import { PasswordHasher, WeakArgon2ParametersError } from './password-hasher';

const minimum = { memoryKib: ARGON2_MINIMUMS.memoryKib, timeCost: ARGON2_MINIMUMS.timeCost, parallelism: ARGON2_MINIMUMS.parallelism };

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(minimum);

  it('hashes with argon2id at the configured parameters, salted', async () => {
    const first = await hasher.hash('correct horse battery');
    const second = await hasher.hash('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(first).not.toBe(second);
  });

  it('verifies the right password only', async () => {
    const hash = await hasher.hash('correct horse battery');
    await expect(hasher.verify(hash, 'correct horse battery')).resolves.toBe(true);
    await expect(hasher.verify(hash, 'Correct horse battery')).resolves.toBe(false);
    await expect(hasher.verify('not a hash', 'anything')).resolves.toBe(false);
  });

  it('fails against the dummy hash, taking about as long as a real verification', async () => {
    const hash = await hasher.hash('correct horse battery');
    await hasher.onModuleInit();
    const medianMs = async (work: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const started = process.hrtime.bigint();
        await work();
        samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      return samples.sort((a, b) => a - b)[2];
    };
    const real = await medianMs(() => hasher.verify(hash, 'wrong'));
    const dummy = await medianMs(() => hasher.verifyAgainstDummy('wrong'));
    await expect(hasher.verifyAgainstDummy('correct horse battery')).resolves.toBe(false);
    // Same parameters, same work: a loose bound that still catches a skipped verification.
    expect(dummy).toBeGreaterThan(real / 4);
  });

  it('flags hashes made with other parameters for rehashing', async () => {
    const stronger = new PasswordHasher({ ...minimum, timeCost: 3 });
    const hash = await hasher.hash('pw');
    expect(hasher.needsRehash(hash)).toBe(false);
    expect(stronger.needsRehash(hash)).toBe(true);
  });

  it('refuses parameters below the OWASP minimum', () => {
    expect(() => new PasswordHasher({ ...minimum, memoryKib: 19455 })).toThrow(WeakArgon2ParametersError);
    expect(() => new PasswordHasher({ ...minimum, timeCost: 1 })).toThrow(WeakArgon2ParametersError);
    expect(() => new PasswordHasher({ ...minimum, parallelism: 0 })).toThrow(WeakArgon2ParametersError);
  });
});
