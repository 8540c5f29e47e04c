# syntax=docker/dockerfile:1
# One recipe for every app: docker build --build-arg APP=identity -t mogul/identity .
#
# The build stage runs the app's Nx build target (tsc over apps/<app>/tsconfig.app.json: the app's
# sources and the shared libraries they import, decorator metadata included) into dist/<app>. tsc
# leaves the @mogul/* path aliases as they are, so a one-line package per alias under
# dist/<app>/node_modules lets Node's own module resolution find the compiled library. The runtime
# image holds production dependencies and the compiled JavaScript only, and runs it with plain node
# as process 1, so SIGTERM reaches the service's shutdown hooks.
#
#   node dist/main.js      the service (the default command)
#   node dist/migrate.js   the service's pending migrations, then exit (apps with a database)
#   node dist/dlq.js       the dead-letter tool, `npm run dlq` (the five services: they reach Kafka)
#   node dist/rebuild.js   the payouts ledger check, `npm run payouts:rebuild` (payouts)
#
# The operator tools ship in the images the cluster already runs, so that they start with
# `kubectl exec` or as a Job from the same image, with the service's configuration and network
# access, and no second image to build, scan and keep in step (docs/operations.md).
#
# tools/compose/dockerfile.e2e-spec.ts runs the packaging step below on a real build and starts the result.

# Node 22, the active LTS line; the slim image has no compiler, no package cache, no shell tools in use.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS build
ARG APP
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN test -n "${APP}" && test -f "apps/${APP}/src/main.ts" \
    || { echo "APP must name a folder under apps/ that has src/main.ts (got '${APP}')" >&2; exit 1; }
RUN npx nx run "${APP}:build" --outputStyle=static
# The gateway serves the web app at `/`: built here into dist/gateway/web, which is the runtime
# image's dist/web, where the gateway looks for it (WEB_APP_DIR, relative to /app).
RUN if [ "${APP}" = gateway ]; then \
      npx vite build --config apps/web/vite.config.ts --outDir "dist/${APP}/web" --logLevel warn; \
    fi
# The dead-letter tool, compiled beside the service into the same output, so that it shares the
# service's compiled libraries. Not for the gateway, which never connects to Kafka.
RUN if [ "${APP}" != gateway ]; then \
      printf '{"extends":"./tsconfig.base.json","compilerOptions":{"outDir":"dist/%s","types":["node"]},"files":["tools/dlq/cli.ts"]}' "${APP}" \
        > tsconfig.dlq.json && npx tsc -p tsconfig.dlq.json; \
    fi
RUN node <<'JS'
const fs = require('node:fs');
const path = require('node:path');

const app = process.env.APP;
const out = path.join('dist', app);
const { paths } = require('./tsconfig.base.json').compilerOptions;
for (const [alias, [source]] of Object.entries(paths)) {
  const compiled = path.join(out, source.replace(/\.ts$/, '.js'));
  if (!fs.existsSync(compiled)) continue;
  const packageDir = path.join(out, 'node_modules', alias);
  fs.mkdirSync(packageDir, { recursive: true });
  const target = path.relative(packageDir, compiled);
  fs.writeFileSync(path.join(packageDir, 'index.js'), `module.exports = require(${JSON.stringify(target)});\n`);
}
for (const entry of ['main', 'migrate']) {
  const compiled = `apps/${app}/src/${entry}.js`;
  if (!fs.existsSync(path.join(out, compiled))) continue;
  fs.writeFileSync(path.join(out, `${entry}.js`), `require(${JSON.stringify(`./${compiled}`)});\n`);
}
// The operator tools as links rather than wrappers: a tool that runs only as the main module
// (require.main === module) must be the module node starts, and node follows the link to it.
const tools = { dlq: 'tools/dlq/cli.js', rebuild: `apps/${app}/src/rebuild.js` };
for (const [entry, compiled] of Object.entries(tools)) {
  if (fs.existsSync(path.join(out, compiled))) fs.symlinkSync(compiled, path.join(out, `${entry}.js`));
}
if (!fs.existsSync(path.join(out, 'main.js'))) throw new Error(`the build of ${app} has no ${out}/apps/${app}/src/main.js`);
JS

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist/${APP} ./dist
# The image's unprivileged `node` user, by number so that Kubernetes' runAsNonRoot can verify it.
# The files stay root-owned, so the service cannot rewrite its own code.
USER 1000:1000
CMD ["node", "--enable-source-maps", "dist/main.js"]
