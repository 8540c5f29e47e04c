import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds spent so far, per component of the platform, read from /proc (Linux only). */
export type CpuSnapshot = Map<string, number>;

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
  if (commandLine.startsWith('postgres')) return 'postgresql';
  return 'other';
}

/** Sums user + system CPU of every live process by component. */
export function cpuSnapshot(): CpuSnapshot {
  const totals: CpuSnapshot = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const commandLine = read(`/proc/${pid}/cmdline`)?.replace(/\0/g, ' ').trim();
    const stat = read(`/proc/${pid}/stat`);
    if (!commandLine || !stat) continue;
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    const component = componentOf(pid, commandLine);
    totals.set(component, (totals.get(component) ?? 0) + seconds);
  }
  return totals;
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
  const rows = [...after].map(([component, seconds]) => ({
    component,
    ms: ((seconds - (before.get(component) ?? 0)) * 1000) / Math.max(1, units),
  }));
  return rows.filter((r) => r.ms > 0.005).sort((a, b) => b.ms - a.ms);
}
