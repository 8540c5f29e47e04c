import { cpuBetween, CpuSnapshot, ProcessCpu } from './cpu';

const snapshot = (processes: Record<number, ProcessCpu>): CpuSnapshot =>
  new Map(Object.entries(processes).map(([pid, p]) => [Number(pid), p]));
const pg = (own: number, reaped = 0): ProcessCpu => ({ component: 'postgresql', own, reaped });

describe('cpuBetween', () => {
  it('counts what each live process spent in between', () => {
    const before = snapshot({ 1: pg(10), 2: { component: 'orders', own: 5, reaped: 0 } });
    const after = snapshot({ 1: pg(12), 2: { component: 'orders', own: 9, reaped: 0 } });
    expect(Object.fromEntries(cpuBetween(before, after))).toEqual({ postgresql: 2, orders: 4 });
  });

  it('counts a backend that ended in between through the parent that reaped it, without what was seen of it before', () => {
    // Backend 7 had spent 3 s when first seen and ended having spent 5 s in all; backend 8 started and ended in between (1 s).
    const before = snapshot({ 1: pg(10, 100), 7: pg(3) });
    const after = snapshot({ 1: pg(10.5, 106) });
    expect(cpuBetween(before, after).get('postgresql')).toBeCloseTo(0.5 + 6 - 3);
  });

  it('counts a process that started in between from nothing, also when it took the pid of another kind', () => {
    const before = snapshot({ 5: { component: 'other', own: 40, reaped: 0 } });
    const after = snapshot({ 5: pg(2), 6: { component: 'payouts', own: 1, reaped: 0 } });
    expect(Object.fromEntries(cpuBetween(before, after))).toEqual({ postgresql: 2, payouts: 1, other: -40 });
  });
});
