import { GroupedWrites } from './grouped-writes';

/** A write that can be finished from the test, to hold a statement "in flight". */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupedWrites', () => {
  it('writes a lone item at once, on its own', async () => {
    const calls: string[] = [];
    const writes = new GroupedWrites<number, number>({
      one: async (n) => (calls.push(`one ${n}`), n * 10),
      many: async (ns) => (calls.push(`many ${ns}`), ns.map((n) => n * 10)),
      maxGroup: 10,
    });
    expect(await writes.write(1)).toBe(10);
    expect(await writes.write(2)).toBe(20);
    expect(calls).toEqual(['one 1', 'one 2']);
  });

  it('groups the items that arrive while a write is in flight, at most maxGroup a statement, each with its own answer', async () => {
    const first = deferred<number>();
    const calls: string[] = [];
    const writes = new GroupedWrites<number, number>({
      one: (n) => (calls.push(`one ${n}`), n === 1 ? first.promise : Promise.resolve(n * 10)),
      many: async (ns) => (calls.push(`many ${ns}`), ns.map((n) => n * 10)),
      maxGroup: 3,
    });
    const answers = [1, 2, 3, 4, 5, 6].map((n) => writes.write(n));
    await tick();
    expect(calls).toEqual(['one 1']);
    first.resolve(10);
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(calls).toEqual(['one 1', 'many 2,3,4', 'many 5,6']);
  });

  it('writes a failed group again one item at a time, so that each caller gets its own outcome', async () => {
    const first = deferred<string>();
    const writes = new GroupedWrites<string, string>({
      one: async (item) => {
        if (item === 'first') return first.promise;
        if (item === 'bad') throw new Error('bad item');
        return `${item} written`;
      },
      many: async () => {
        throw new Error('the group failed');
      },
      maxGroup: 10,
    });
    const lone = writes.write('first');
    const group = ['a', 'bad', 'b'].map((item) => writes.write(item).catch((error: Error) => error.message));
    await tick();
    first.resolve('first written');
    expect(await lone).toBe('first written');
    expect(await Promise.all(group)).toEqual(['a written', 'bad item', 'b written']);
  });

  it('keeps writing after a lone write fails', async () => {
    const writes = new GroupedWrites<number, number>({
      one: async (n) => {
        if (n === 1) throw new Error('no');
        return n;
      },
      many: async (ns) => ns,
      maxGroup: 10,
    });
    await expect(writes.write(1)).rejects.toThrow('no');
    expect(await writes.write(2)).toBe(2);
  });
});
