import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The web app's pages (its client-side routes): each answers with the app, which shows the page. */
const PAGES = ['/', '/designs/*', '/leaderboard', '/signin', '/signup', '/orders', '/studio', '/studio/*', '/dashboard'];
const CONSOLES = ['/merchant', '/merchant/*', '/operator', '/operator/*'];

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mogul</title></head>
<body><main><h1>Mogul</h1><p>The web app is not built: run <code>npm run build:web</code> (npm start does it).
The API is at <a href="/docs">/docs</a>.</p></main></body></html>`;

/**
 * Serves the web app (built by Vite into `dir`) on the same origin as the API: its hashed assets
 * under /assets, cached for good, and its `index.html` for every page path, never cached, so a
 * new release is picked up at the next navigation. Paths that are neither stay the API's 404.
 */
export async function serveWebApp(app: NestFastifyApplication, dir: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const indexFile = join(dir, 'index.html');
  const built = existsSync(indexFile);
  const page = built ? readFileSync(indexFile, 'utf8') : NOT_BUILT;
  if (built) {
    await app.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      wildcard: false,
      immutable: true,
      maxAge: '365d',
    });
  }
  for (const path of [...PAGES, ...CONSOLES]) {
    fastify.get(path, (_request, reply) => {
      void reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
    });
  }
}
