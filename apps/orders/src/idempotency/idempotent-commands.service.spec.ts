import { OrdersConfig } from '../config';
import { IdempotencyKeyInProgressError, IdempotencyKeyReusedError, ReplayedFailureError, UnknownProductError } from '../errors';
import { IdempotencyKeys } from './idempotency-keys.service';
import { FirstRead, IdempotentCommand, IdempotentCommands, IdentifiedRequest } from './idempotent-commands.service';
import { KeyClaim, KeyRecord } from './key-claim';
import { storedValue } from './stored-answer';

const request: IdentifiedRequest = { actor: { userId: 'shopper-1', roles: ['shopper'] }, key: 'key-1', requestHash: 'hash-1' };

/** The key table as a map: a claim holds when the key is free, as `CLAIM_KEY` does. */
class KeysInMemory {
  readonly rows = new Map<string, KeyRecord>();
  found = 0;

  async find(): Promise<KeyRecord | undefined> {
    this.found += 1;
    return this.rows.get('key-1');
  }

  async claim(claim: KeyClaim): Promise<boolean> {
    if (this.rows.has(claim.key)) return false;
    this.rows.set(claim.key, { requestHash: claim.requestHash, answer: claim.answer, claimedAt: new Date() });
    return true;
  }
}

/** A command whose work counts its runs and whose write claims the key like the checkout's one statement. */
function command(keys: KeysInMemory, read: Partial<FirstRead<string>> = {}, work: (sight: string) => string = (s) => `done with ${s}`) {
  const runs: string[] = [];
  const spec: IdempotentCommand<string, string> = {
    read: async () => ({ key: keys.rows.get('key-1'), doneBefore: false, sight: 'the designs', ...read }),
    perform: async (sight) => {
      runs.push(sight);
      const answer = work(sight);
      return { answer, write: (claim) => keys.claim(claim) };
    },
  };
  return { spec, runs };
}

function commands(keys: KeysInMemory): IdempotentCommands {
  return new IdempotentCommands(keys as unknown as IdempotencyKeys, { IDEMPOTENCY_KEY_TTL_HOURS: 24 } as OrdersConfig);
}

describe('IdempotentCommands', () => {
  it('runs the work once and replays its first answer to every repeat of the request', async () => {
    const keys = new KeysInMemory();
    const first = command(keys);
    await expect(commands(keys).run(request, first.spec)).resolves.toBe('done with the designs');
    expect(keys.rows.get('key-1')).toMatchObject({ requestHash: 'hash-1', answer: { ok: true, value: 'done with the designs' } });

    const again = command(keys);
    await expect(commands(keys).run(request, again.spec)).resolves.toBe('done with the designs');
    expect(again.runs).toEqual([]);
    expect(keys.found).toBe(0);
  });

  it('refuses the key with another request (422), and a key whose work was done before it was purged', async () => {
    const keys = new KeysInMemory();
    await commands(keys).run(request, command(keys).spec);
    const other = command(keys);
    await expect(commands(keys).run({ ...request, requestHash: 'hash-2' }, other.spec)).rejects.toThrow(IdempotencyKeyReusedError);

    const purgedKeys = new KeysInMemory();
    const purged = command(purgedKeys, { doneBefore: true });
    await expect(commands(purgedKeys).run(request, purged.spec)).rejects.toThrow(IdempotencyKeyReusedError);
    expect(purgedKeys.rows.size).toBe(0);
    expect([...other.runs, ...purged.runs]).toEqual([]);
  });

  it('stores a business failure as the answer and throws it again for each repeat, without working again', async () => {
    const keys = new KeysInMemory();
    const failing = command(keys, {}, () => {
      throw new UnknownProductError(0, 'p-1');
    });
    await expect(commands(keys).run(request, failing.spec)).rejects.toThrow(UnknownProductError);
    const again = command(keys);
    const replayed = commands(keys).run(request, again.spec);
    await expect(replayed).rejects.toThrow(ReplayedFailureError);
    await expect(replayed).rejects.toMatchObject({ code: 'unprocessable', message: 'lines[0].productId: product p-1 does not exist' });
    expect(again.runs).toEqual([]);
  });

  it('releases the key on an unexpected failure, so that a retry works', async () => {
    const keys = new KeysInMemory();
    const broken = command(keys, {}, () => {
      throw new Error('connection reset');
    });
    await expect(commands(keys).run(request, broken.spec)).rejects.toThrow('connection reset');
    expect(keys.rows.size).toBe(0);
    await expect(commands(keys).run(request, command(keys).spec)).resolves.toBe('done with the designs');
  });

  it('answers what a twin stored when the twin claimed the key between the read and the write', async () => {
    const keys = new KeysInMemory();
    const late = command(keys, { key: undefined }, (sight) => {
      keys.rows.set('key-1', { requestHash: 'hash-1', answer: storedValue('the twin’s answer'), claimedAt: new Date() });
      return `done with ${sight}`;
    });
    await expect(commands(keys).run(request, late.spec)).resolves.toBe('the twin’s answer');
    expect(late.runs).toHaveLength(1);
  });

  it('waits for a claim still without an answer, and says when the key is in progress', async () => {
    const keys = new KeysInMemory();
    keys.rows.set('key-1', { requestHash: 'hash-1', answer: null, claimedAt: new Date() });
    setTimeout(() => keys.rows.set('key-1', { requestHash: 'hash-1', answer: storedValue('answered later'), claimedAt: new Date() }), 60);
    await expect(commands(keys).run(request, command(keys).spec)).resolves.toBe('answered later');
    expect(keys.found).toBeGreaterThan(0);

    const vanished = new KeysInMemory();
    const twinFailed = command(vanished, { key: undefined }, () => {
      throw new UnknownProductError(0, 'p-1');
    });
    // The claim was lost, yet the key's row is gone when read again: the first request is still being answered.
    vanished.claim = async () => false;
    await expect(commands(vanished).run(request, twinFailed.spec)).rejects.toThrow(IdempotencyKeyInProgressError);
  });

  it('passes on what is not a business failure of the read', async () => {
    const keys = new KeysInMemory();
    const spec: IdempotentCommand<string, string> = {
      read: async () => {
        throw new Error('database down');
      },
      perform: async () => {
        throw new Error('not reached');
      },
    };
    await expect(commands(keys).run(request, spec)).rejects.toThrow('database down');
    expect(keys.rows.size).toBe(0);
  });
});
