import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, eventually, TestDatabase, testBrokers, testKafka, uniqueName } from '@mogul/testing';

// Without a Docker engine, this spec does what the Dockerfile does for one app, step by step:
// the Nx build, the packaging script (taken from the Dockerfile itself), the runtime layout
// (production node_modules beside dist/), then runs the image's two commands: the migrations
// against a fresh database, and the service, which must become ready, keep its internal API
// closed to callers without credentials, and stop cleanly on SIGTERM, leaving its consumer group.
// The app is orders: it both serves the gateway and consumes events.

const root = join(__dirname, '..', '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const app = 'orders';

interface Stage {
  name: string;
  lines: string[];
}

/** The Dockerfile's stages, each with its instructions (continuation lines joined, heredocs kept whole). */
function stages(): Stage[] {
  const result: Stage[] = [];
  const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    const heredoc = /<<'?(\w+)'?\s*$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[1], i + 1);
      line = lines.slice(i, end + 1).join('\n');
      i = end;
    }
    const from = /^FROM\s+\S+\s+AS\s+(\S+)/i.exec(line);
    if (from) result.push({ name: from[1], lines: [] });
    else if (result.length > 0 && line.trim() !== '' && !line.startsWith('#')) result[result.length - 1].lines.push(line);
  }
  return result;
}

function packagingScript(): string {
  const match = /^RUN node <<'JS'\n([\s\S]*?)\nJS$/m.exec(dockerfile);
  if (!match) throw new Error("the Dockerfile has no `RUN node <<'JS'` packaging step");
  return match[1];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('Dockerfile', () => {
  const byName = new Map(stages().map((stage) => [stage.name, stage.lines]));
  const runtime = stages().at(-1) as Stage;

  it('installs production dependencies only in the stage the runtime takes node_modules from', () => {
    expect(byName.get('production-dependencies')).toContainEqual(expect.stringMatching(/^RUN npm ci --omit=dev\b/));
    expect(runtime.lines).toContainEqual('COPY --from=production-dependencies /app/node_modules ./node_modules');
  });

  it('builds the app named by the APP argument with its Nx build target', () => {
    expect(byName.get('build')).toContain('ARG APP');
    expect(byName.get('build')).toContainEqual(expect.stringMatching(/^RUN npx nx run "\$\{APP\}:build"/));
  });

  it('ships the build output and package.json, and no sources', () => {
    const copies = runtime.lines.filter((line) => line.startsWith('COPY'));
    expect(copies.sort()).toEqual(
      [
        'COPY --from=build /app/dist/${APP} ./dist',
        'COPY --from=production-dependencies /app/node_modules ./node_modules',
        'COPY package.json ./',
      ].sort(),
    );
  });

  it('runs on a Node LTS of 22 or later, from a slim image', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:(2[2-9]|[3-9]\d)-[a-z]+-slim$/m);
  });

  it("compiles the dead-letter tool into every service's build, not the gateway's, and links the operator tools", () => {
    expect(byName.get('build')).toContainEqual(expect.stringMatching(/"\$\{APP\}" != gateway .*tools\/dlq\/cli\.ts.*npx tsc -p/));
    // Linked, not wrapped: the tools run only as the module node starts (require.main === module).
    expect(packagingScript()).toContain("const tools = { dlq: 'tools/dlq/cli.js', rebuild: `apps/${app}/src/rebuild.js` };");
    expect(packagingScript()).toContain('fs.symlinkSync(compiled, path.join(out, `${entry}.js`))');
  });

  it('runs as a numeric non-root user, with node itself as the process', () => {
    const user = runtime.lines.filter((line) => line.startsWith('USER')).at(-1);
    expect(user).toMatch(/^USER [1-9]\d*(:[1-9]\d*)?$/);
    const cmd = runtime.lines.filter((line) => line.startsWith('CMD')).at(-1) as string;
    const argv = JSON.parse(cmd.slice('CMD'.length)) as string[];
    expect(argv[0]).toBe('node');
    expect(argv.at(-1)).toBe('dist/main.js');
    expect(runtime.lines.some((line) => line.startsWith('ENTRYPOINT'))).toBe(false);
  });

  describe(`packaged ${app}`, () => {
    let work: string;
    let dist: string;
    let database: TestDatabase;
    const env = (extra: Record<string, string>) => ({ PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', ...extra });

    beforeAll(async () => {
      database = await createTestDatabase('dockerfile');
      execFileSync('npx', ['nx', 'run', `${app}:build`, '--outputStyle=static'], { cwd: root, stdio: 'pipe' });
      work = mkdtempSync(join(tmpdir(), 'mogul-image-'));
      // The build stage: the workspace's TypeScript settings and the build output, then packaging.
      const build = join(work, 'build');
      cpSync(join(root, 'tsconfig.base.json'), join(build, 'tsconfig.base.json'));
      cpSync(join(root, 'dist', app), join(build, 'dist', app), { recursive: true });
      writeFileSync(join(build, 'package.js'), packagingScript());
      execFileSync('node', ['package.js'], { cwd: build, env: env({ APP: app }), stdio: 'pipe' });
      // The runtime stage: node_modules beside the packaged dist/.
      const image = join(work, 'image');
      cpSync(join(build, 'dist', app), join(image, 'dist'), { recursive: true });
      cpSync(join(root, 'package.json'), join(image, 'package.json'));
      symlinkSync(join(root, 'node_modules'), join(image, 'node_modules'), 'dir');
      dist = image;
    }, 120_000);

    afterAll(async () => {
      if (work) rmSync(work, { recursive: true, force: true });
      await database?.drop();
    });

    it('has the entry points the image runs', () => {
      expect(existsSync(join(dist, 'dist', 'main.js'))).toBe(true);
      expect(existsSync(join(dist, 'dist', 'migrate.js'))).toBe(true);
    });

    it('runs the migrations with `node dist/migrate.js`, and finds nothing to do the second time', () => {
      const run = () =>
        execFileSync('node', ['dist/migrate.js'], { cwd: dist, env: env({ DATABASE_URL: database.url }), encoding: 'utf8' });
      expect(run()).toMatch(new RegExp(`^${app}: ran `));
      expect(run().trim()).toBe(`${app}: schema is up to date`);
    }, 60_000);

    it('starts with `node dist/main.js`, becomes ready, refuses anonymous internal calls, and shuts down gracefully on SIGTERM', async () => {
      const port = await freePort();
      const groupId = uniqueName('image-orders');
      const child = spawn('node', ['--enable-source-maps', 'dist/main.js'], {
        cwd: dist,
        env: env({
          DATABASE_URL: database.url,
          MIGRATIONS_RUN: 'false',
          KAFKA_BROKERS: testBrokers().join(','),
          KAFKA_GROUP_ID: groupId,
          HTTP_PORT: String(port),
          HTTP_HOST: '127.0.0.1',
          JWT_SECRET: 'an-image-test-secret-that-is-well-over-32-characters',
        }),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = exitOf(child);
      try {
        await eventually(
          async () => ((await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined))?.status === 200 ? true : undefined),
          60_000,
          `${app} to be ready (stderr: ${stderr})`,
        );
        expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
        const anonymous = await fetch(`http://127.0.0.1:${port}/internal/v1/orders`);
        expect(anonymous.status).toBe(401);
        expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      } finally {
        child.kill('SIGTERM');
      }
      // Nest closes the application, then raises the signal again to end the process with it.
      expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
      // A process killed outright stays in its consumer group until the session times out; one that
      // shut down gracefully has left it. KAFKA_GROUP_ID names the event consumer's group.
      const admin = testKafka().admin();
      await admin.connect();
      try {
        const { groups } = await admin.describeGroups([`${groupId}.events`]);
        expect(groups[0].state).not.toBe('Dead');
        expect(groups[0].members).toEqual([]);
      } finally {
        await admin.disconnect();
      }
    }, 90_000);
  });
});
