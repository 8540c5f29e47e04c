import { GroupedStatements } from './grouped-statements';

/** A statement that can be finished from the test, to hold it "in flight". */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupedStatements', () => {
  it('runs a lone item at once, on its own', async () => {
    const calls: number[][] = [];
    const statements = new GroupedStatements<number, number>({
      run: async (ns) => (calls.push(ns), ns.map((n) => n * 10)),
      maxGroup: 10,
    });
    expect(await statements.run(1)).toBe(10);
    expect(await statements.run(2)).toBe(20);
    expect(calls).toEqual([[1], [2]]);
  });

  it('groups the items that arrive while a statement is in flight, at most maxGroup a statement, each with its own answer', async () => {
    const first = deferred<number[]>();
    const calls: number[][] = [];
    const statements = new GroupedStatements<number, number>({
      run: (ns) => (calls.push(ns), ns[0] === 1 ? first.promise : Promise.resolve(ns.map((n) => n * 10))),
      maxGroup: 3,
    });
    const answers = [1, 2, 3, 4, 5, 6].map((n) => statements.run(n));
    await tick();
    expect(calls).toEqual([[1]]);
    first.resolve([10]);
    expect(await Promise.all(answers)).toEqual([10, 20, 30, 40, 50, 60]);
    expect(calls).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('with a linger, holds a lone item until others join it, and sends a full group at once', async () => {
    jest.useFakeTimers();
    try {
      const calls: number[][] = [];
      const statements = new GroupedStatements<number, number>({
        run: async (ns) => (calls.push(ns), ns.map((n) => n * 10)),
        maxGroup: 3,
        lingerMs: 2,
      });
      const lone = statements.run(1);
      jest.advanceTimersByTime(1);
      const joined = statements.run(2);
      expect(calls).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(await Promise.all([lone, joined])).toEqual([10, 20]);
      expect(calls).toEqual([[1, 2]]);
      const full = [3, 4, 5].map((n) => statements.run(n));
      expect(calls).toEqual([[1, 2], [3, 4, 5]]);
      expect(await Promise.all(full)).toEqual([30, 40, 50]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('runs a failed group again one item at a time, so that each caller gets its own outcome', async () => {
    const first = deferred<string[]>();
    const statements = new GroupedStatements<string, string>({
      run: async (items) => {
        if (items[0] === 'first') return first.promise;
        if (items.includes('bad')) throw new Error(items.length > 1 ? 'the group failed' : 'bad item');
        return items.map((item) => `${item} written`);
      },
      maxGroup: 10,
    });
    const lone = statements.run('first');
    const group = ['a', 'bad', 'b'].map((item) => statements.run(item).catch((error: Error) => error.message));
    await tick();
    first.resolve(['first written']);
    expect(await lone).toBe('first written');
    expect(await Promise.all(group)).toEqual(['a written', 'bad item', 'b written']);
  });

  it('goes on after a lone statement fails', async () => {
    const statements = new GroupedStatements<number, number>({
      run: async (ns) => {
        if (ns[0] === 1) throw new Error('no');
        return ns;
      },
      maxGroup: 10,
    });
    await expect(statements.run(1)).rejects.toThrow('no');
    expect(await statements.run(2)).toBe(2);
  });
});
