import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** Starts a service's real entry point with the given environment and returns how it ended. */
function start(app: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['-r', join(root, 'tools/register.js'), `apps/${app}/src/main.ts`], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30000,
  });
  return { code: result.status, stderr: result.stderr };
}

describe.each(['identity', 'gateway'])('%s start-up configuration', (app) => {
  it('stops with exit code 1 and names a missing required variable', () => {
    const { code, stderr } = start(app, {});
    expect(code).toBe(1);
    expect(stderr).toMatch(/JWT_SECRET/);
  });

  it('names a variable with a bad value', () => {
    const { code, stderr } = start(app, { JWT_SECRET: 'x'.repeat(40), HTTP_PORT: 'not-a-port' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/HTTP_PORT/);
    expect(stderr).not.toMatch(/JWT_SECRET/);
  });
});
