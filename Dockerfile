# syntax=docker/dockerfile:1
# One recipe for every service: docker build --build-arg APP=identity -t mogul/identity .
#
# The build stage compiles the app with tsc (apps/<app>/tsconfig.app.json: the app's sources and the
# shared libraries they import, decorator metadata included) into dist/<app>. tsc leaves the
# @mogul/* path aliases as they are, so a one-line package per alias under dist/<app>/node_modules
# lets Node's own module resolution find the compiled library. The runtime image holds production
# dependencies and the compiled JavaScript only, no TypeScript sources, and runs it with plain node.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS build
ARG APP
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN test -n "${APP}" && test -f "apps/${APP}/src/main.ts" \
    || { echo "APP must name a folder under apps/ that has src/main.ts (got '${APP}')" >&2; exit 1; }
RUN npx tsc -p "apps/${APP}/tsconfig.app.json"
RUN node <<'JS'
const fs = require('node:fs');
const path = require('node:path');

const out = path.join('dist', process.env.APP);
const { paths } = require('./tsconfig.base.json').compilerOptions;
for (const [alias, [source]] of Object.entries(paths)) {
  const compiled = path.join(out, source.replace(/\.ts$/, '.js'));
  if (!fs.existsSync(compiled)) continue;
  const packageDir = path.join(out, 'node_modules', alias);
  fs.mkdirSync(packageDir, { recursive: true });
  const target = path.relative(packageDir, compiled);
  fs.writeFileSync(path.join(packageDir, 'index.js'), `module.exports = require(${JSON.stringify(target)});\n`);
}
fs.writeFileSync(
  path.join(out, 'main.js'),
  `require(${JSON.stringify(`./apps/${process.env.APP}/src/main.js`)});\n`,
);
JS

FROM ${NODE_IMAGE} AS runtime
ARG APP
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist/${APP} ./dist
# The image's unprivileged user; the files stay root-owned, so the service cannot rewrite its own code.
USER node
CMD ["node", "--enable-source-maps", "dist/main.js"]
