import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@mogul/observability';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { createGatewayApp } from '../src/bootstrap';
import { GatewayConfig } from '../src/config';

const ROOT = join(__dirname, '..', '..', '..');
const REDOCLY = join(ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/** The document the gateway serves passes `redocly lint` with the workspace's redocly.yaml (the recommended rules). */
describe('the OpenAPI document', () => {
  let gateway: NestFastifyApplication;
  let folder: string;

  beforeAll(async () => {
    // The document describes the routes; no service needs to answer.
    gateway = await createGatewayApp(
      loadConfig(GatewayConfig, {
        HTTP_PORT: '0',
        METRICS_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        JWT_SECRET: 'a-lint-secret-that-is-well-over-32-characters',
      }),
    );
    folder = await mkdtemp(join(tmpdir(), 'mogul-openapi-'));
  });

  afterAll(async () => {
    await gateway?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('passes redocly lint without an error', async () => {
    const served = await request(gateway.getHttpServer()).get('/docs-json');
    expect(served.status).toBe(200);
    const file = join(folder, 'openapi.json');
    await writeFile(file, JSON.stringify(served.body, null, 2));

    const lint = await promisify(execFile)(
      process.execPath,
      [REDOCLY, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    ).catch((failed: { stdout?: string; stderr?: string }) => ({ stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }));
    const { problems } = JSON.parse(lint.stdout) as { problems: LintProblem[] };
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId} at ${p.location[0]?.pointer ?? '#'}: ${p.message}`);
    expect(errors).toEqual([]);
  }, 60_000);
});
