import { readdirSync, readFileSync } from 'node:fs';

/** One process as a snapshot saw it: its component, its own CPU seconds and those of its children it has reaped. */
export interface ProcessCpu {
  component: string;
  own: number;
  reaped: number;
}

/** CPU seconds spent so far by every live process, by pid, read from /proc (Linux only). */
export type CpuSnapshot = Map<number, ProcessCpu>;

const TICKS_PER_SECOND = 100;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/** What a process is, from its command line: a service, a hop of the raw chain, the broker, PostgreSQL, this process, or other. */
function componentOf(pid: number, commandLine: string): string {
  if (pid === process.pid) return 'load generator (this process)';
  const service = /apps\/([a-z-]+)\/src\/main\.ts/.exec(commandLine);
  if (service) return service[1];
  const rawHop = /bench\/orders\/raw-chain-server\.ts (service|proxy)/.exec(commandLine);
  if (rawHop) return `raw ${rawHop[1]}`;
  if (commandLine.includes('kafka.Kafka')) return 'kafka broker';
  // Backends and helpers name themselves `postgres: …`; the postmaster runs as …/bin/postgres.
  const executable = commandLine.split(' ')[0];
  if (executable.startsWith('postgres') || executable.endsWith('/postgres')) return 'postgresql';
  return 'other';
}

/** User + system CPU of every live process, and of the children each has reaped. */
export function cpuSnapshot(): CpuSnapshot {
  const processes: CpuSnapshot = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const commandLine = read(`/proc/${pid}/cmdline`)?.replace(/\0/g, ' ').trim();
    const stat = read(`/proc/${pid}/stat`);
    if (!commandLine || !stat) continue;
    // Fields after the parenthesised command name: utime, stime, cutime and cstime are the 12th to 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    processes.set(pid, {
      component: componentOf(pid, commandLine),
      own: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
      reaped: (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND,
    });
  }
  return processes;
}

/**
 * CPU seconds each component spent between two snapshots. A process that ended in between (a
 * PostgreSQL backend whose connection closed) counts through its parent, which reaped it: the
 * parent's reaped CPU grows by the child's whole life, less what the first snapshot had seen of
 * it. Processes are taken to end under a parent of their own component (a pid taken over by a
 * process of another component counts as one that ended and one that started).
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Map<string, number> {
  const spent = new Map<string, number>();
  const add = (component: string, seconds: number) => spent.set(component, (spent.get(component) ?? 0) + seconds);
  for (const [pid, now] of after) {
    const then = before.get(pid);
    const same = then !== undefined && then.component === now.component;
    add(now.component, now.own - (same ? then.own : 0) + now.reaped - (same ? then.reaped : 0));
  }
  for (const [pid, then] of before) if (after.get(pid)?.component !== then.component) add(then.component, -then.own);
  return spent;
}

/** The machine's busy fraction of all cores, from /proc/stat, between two readings. */
export function machineBusy(): () => number {
  const sample = () => {
    const [, ...values] = (read('/proc/stat') ?? '').split('\n')[0].trim().split(/\s+/);
    const ticks = values.map(Number);
    const idle = ticks[3] + ticks[4];
    return { idle, total: ticks.reduce((a, b) => a + b, 0) };
  };
  const start = sample();
  return () => {
    const end = sample();
    return 1 - (end.idle - start.idle) / Math.max(1, end.total - start.total);
  };
}

/** CPU milliseconds per unit of work (e.g. per order) for each component between two snapshots, largest first. */
export function cpuPerUnit(before: CpuSnapshot, after: CpuSnapshot, units: number): { component: string; ms: number }[] {
  const rows = [...cpuBetween(before, after)].map(([component, seconds]) => ({
    component,
    ms: (seconds * 1000) / Math.max(1, units),
  }));
  return rows.filter((r) => r.ms > 0.005).sort((a, b) => b.ms - a.ms);
}
