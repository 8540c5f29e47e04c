import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { infraDown, InfraError, infraUp } from '../infra';
import { portOpen } from '../infra/kafka';
import { loadDemoData } from './demo-data';
import { DEMO_ACCOUNTS, DEMO_OPERATOR } from './demo/catalogue';
import { SERVICES, serviceEnv } from './services';

/**
 * How a service's log line reaches the console. On a terminal, people read it: pino's JSON made
 * human by pino-pretty. Otherwise (CI, a pipe, a file) the JSON lines go through unchanged, for
 * machines to read.
 */
function logPrinter(terminal: boolean): (service: string, line: string) => void {
  if (!terminal) return (service, line) => console.log(`[${service}] ${line}`);
  // Only a terminal needs pino-pretty, a development dependency.
  const { prettyFactory } = require('pino-pretty') as typeof import('pino-pretty');
  const pretty = prettyFactory({
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service,context',
    messageFormat: '{if context}{context}: {end}{msg}',
  });
  // A line that is not JSON (a crash's stack on stderr) comes back as it was.
  return (service, line) => console.log(`[${service}] ${pretty(line).trimEnd()}`);
}

/** Builds the web app into dist/web, which the gateway serves at `/` (a few seconds). */
function buildWebApp(rootDir: string): Promise<void> {
  console.log('[web] building the web app…');
  const vite = join(rootDir, 'node_modules/vite/bin/vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn', '--config', 'apps/web/vite.config.ts'], {
    cwd: rootDir,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new InfraError(`building the web app failed (exit code ${code})`)))),
  );
}

/**
 * Starts the whole platform from the source tree: PostgreSQL and Kafka, every service (each runs
 * its migrations at start-up), then demo data. Ctrl-C stops everything this command started.
 */
async function main(): Promise<void> {
  const infra = await infraUp((line) => console.log(`[infra] ${line}`));
  const children: ChildProcess[] = [];
  let stopping = false;

  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    for (const child of [...children].reverse()) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
    if (infra.startedKafka) await infraDown((line) => console.log(`[infra] ${line}`));
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const terminal = process.stdout.isTTY === true;
  const printLog = logPrinter(terminal);
  // Quiet on a terminal (warnings and errors only), everything (info) for machines; LOG_LEVEL wins.
  const logLevel = process.env.LOG_LEVEL ?? (terminal ? 'warn' : 'info');
  if (terminal && !process.env.LOG_LEVEL) console.log('[start] services log warnings and errors here; LOG_LEVEL=info npm start shows more');

  try {
    await buildWebApp(infra.settings.rootDir);
    await startServices();
  } catch (error) {
    console.error(error instanceof InfraError ? `start: ${error.message}` : error);
    await stop(1);
  }

  async function startServices(): Promise<void> {
    for (const service of SERVICES) {
      if (await portOpen('127.0.0.1', service.port)) {
        throw new InfraError(`port ${service.port} for ${service.name} is taken; stop what uses it first`);
      }
      const child = spawn(process.execPath, ['-r', join(infra.settings.rootDir, 'tools/register.js'), `apps/${service.name}/src/main.ts`], {
        cwd: infra.settings.rootDir,
        env: { LOG_LEVEL: logLevel, ...serviceEnv(service, infra.settings, infra.brokers) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      for (const stream of [child.stdout!, child.stderr!]) {
        createInterface({ input: stream }).on('line', (line) => printLog(service.name, line));
      }
      child.once('exit', (code) => {
        if (!stopping) {
          console.error(`[${service.name}] exited with code ${code}`);
          void stop(1);
        }
      });
      await waitForHealth(service.name, service.port);
    }

    const gateway = `http://127.0.0.1:${SERVICES.find((s) => s.name === 'gateway')!.port}`;
    try {
      await loadDemoData(gateway, (line) => console.log(`[demo] ${line}`));
    } catch (error) {
      // The platform is up; the demo data is a convenience, which someone may have changed since.
      console.error(`[demo] the demo data could not be loaded completely, the platform runs without the rest: ${String(error)}`);
    }
    const accounts = [DEMO_OPERATOR, ...DEMO_ACCOUNTS].map(
      (a) => `    ${a.email} / ${a.password} (${a === DEMO_OPERATOR ? 'operator' : (a.role ?? 'shopper')})`,
    );
    console.log(
      [
        '\nMogul is up.',
        `  Web app:  ${gateway}/`,
        `  API:      ${gateway}/api/v1`,
        `  API docs: ${gateway}/docs`,
        `  Health:   ${gateway}/health`,
        `  Metrics:  http://127.0.0.1:${process.env.METRICS_PORT ?? 9464}/metrics (gateway; each service on its own port)`,
        '  Demo accounts (email / password):',
        ...accounts,
        'Ctrl-C stops everything.',
      ].join('\n'),
    );
  }
}

async function waitForHealth(name: string, port: number): Promise<void> {
  const deadline = Date.now() + 90000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new InfraError(`${name} did not become healthy on port ${port} within 90 s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof InfraError ? `start: ${error.message}` : error);
  process.exit(1);
});
