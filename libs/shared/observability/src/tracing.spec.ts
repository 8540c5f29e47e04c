import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer, IncomingMessage, Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..', '..');

// The OTLP exporter loads its HTTP transport with a dynamic import, which Jest's module sandbox
// refuses: the exporting side runs as a process of its own.
describe('tracing with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let server: Server;
  const received: { method?: string; url?: string; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('exports the spans to <endpoint>/v1/traces, the last ones when tracing stops', async () => {
    const { port } = server.address() as { port: number };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', join(ROOT, 'tools/register.js'), 'libs/shared/observability/test/fixtures/exporting-app.ts', `http://127.0.0.1:${port}/`],
      { cwd: ROOT },
    );
    const traceId = stdout.trim();

    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(received.map((r) => `${r.method} ${r.url}`)).toContain('POST /v1/traces');
    const exported = received.map((r) => r.body).join('\n');
    expect(exported).toContain('exporting-fixture');
    expect(exported).toContain(traceId);
    expect(exported).toContain('"outer"');
    expect(exported).toContain('"inner"');
  }, 20_000);
});
