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
#
# tools/compose/dockerfile.e2e-spec.ts runs the packaging step below on a real build and starts the result.

ARG NODE_IMAGE=node:20-bookworm-slim

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
