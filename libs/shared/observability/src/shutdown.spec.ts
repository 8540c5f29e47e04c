import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  ms: number;
}

/** Starts the fixture, sends it `signals` (100 ms apart) once it is ready, and reports how it ended. */
async function stop(closeMs: number, timeoutMs: number, signals: NodeJS.Signals[]): Promise<Stopped> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', join(ROOT, 'tools/register.js'), 'libs/shared/observability/test/fixtures/stopping-app.ts', String(closeMs), String(timeoutMs)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  const ready = new Promise<void>((resolve) =>
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('ready')) resolve();
    }),
  );
  const exited = once(child, 'exit');
  await ready;
  const started = Date.now();
  for (const [i, signal] of signals.entries()) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill(signal);
  }
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  return { code, signal, stdout, ms: Date.now() - started };
}

describe('stopOnSignals', () => {
  it('closes the application, then ends by the signal it was sent', async () => {
    const stopped = await stop(300, 5_000, ['SIGTERM']);
    expect(stopped).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(stopped.stdout).toContain('closed');
    expect(stopped.ms).toBeGreaterThanOrEqual(300);
  }, 20_000);

  it('lets a second signal wait for the first close', async () => {
    const stopped = await stop(300, 5_000, ['SIGTERM', 'SIGINT']);
    expect(stopped).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(stopped.stdout).toContain('closed');
  }, 20_000);

  it('exits with status 1 when closing takes longer than the timeout', async () => {
    const stopped = await stop(10_000, 300, ['SIGTERM']);
    expect(stopped).toMatchObject({ code: 1, signal: null });
    expect(stopped.stdout).not.toContain('closed');
    expect(stopped.ms).toBeLessThan(5_000);
  }, 20_000);
});
