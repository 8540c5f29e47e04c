import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '@mogul/observability';
import { appFolders, configClassesOf, DATABASE_APPS, hasSources, PLATFORM_APPS, WORKSPACE_ROOT } from '../k8s/workspace';

// Keeps docker-compose.yml in step with the workspace: every folder under apps/ must be a compose
// service that builds from the shared Dockerfile, gets the environment its configuration class
// accepts, reports health, and waits for what it uses: a service for Kafka, its database and its
// one-shot migration service; the gateway, which talks to nothing but the services' HTTP APIs,
// for the services. Every app checks tokens with the same key and claims.

const root = WORKSPACE_ROOT;
const initScriptPath = join(__dirname, 'postgres-init.sql');

type Environment = Record<string, string>;

interface ComposeService {
  image?: string;
  command?: string | string[];
  restart?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> | string[] };
  environment?: Record<string, unknown> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  ports?: unknown[];
  volumes?: unknown[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

const infrastructure = ['kafka', 'postgres'];
const migrationServiceOf = (app: string) => `${app}-migrate`;

/** Every app needs these: each one verifies the access tokens it is given. */
const tokenSettings = ['JWT_SECRET', 'JWT_ISSUER', 'JWT_AUDIENCE'];
const everyAppNeeds = ['NODE_ENV', 'LOG_LEVEL', 'HTTP_PORT', ...tokenSettings];
/** The gateway alone keeps no database and uses no Kafka. */
const statelessApps = new Set(['gateway']);
const services = PLATFORM_APPS.filter((app) => !statelessApps.has(app));
const appSpecificNeeds: Record<string, string[]> = {
  gateway: services.map((service) => `${service.toUpperCase()}_URL`),
  identity: ['FIRST_OPERATOR_EMAIL'],
};

function loadCompose(): ComposeFile {
  // merge: true follows the `<<: *anchor` keys that share environment blocks between services.
  return parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
}

/**
 * Compose substitutes `${NAME:-default}` from the shell; the check uses the defaults so that it sees
 * what `docker compose up` gets on a machine with nothing exported.
 */
function withDefaults(value: string): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::?[-?]([^}]*))?\}/g, (_match, _name, fallback?: string) => fallback ?? '');
}

function environmentOf(service: ComposeService): Environment {
  const raw = service.environment ?? {};
  const pairs: [string, unknown][] = Array.isArray(raw)
    ? raw.map((line) => {
        const at = line.indexOf('=');
        return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(raw);
  return Object.fromEntries(pairs.map(([name, value]) => [name, withDefaults(value === null ? '' : String(value))]));
}

function buildArgsOf(service: ComposeService): Record<string, string> {
  const args = service.build?.args ?? {};
  if (!Array.isArray(args)) return args;
  return Object.fromEntries(args.map((line) => [line.split('=')[0], line.split('=').slice(1).join('=')]));
}

function dependencies(service: ComposeService, condition: string): string[] {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return [];
  return Object.entries(dependsOn)
    .filter(([, dependency]) => dependency.condition === condition)
    .map(([name]) => name);
}

const healthyDependencies = (service: ComposeService) => dependencies(service, 'service_healthy');

function healthcheckCommand(service: ComposeService): string {
  const test = service.healthcheck?.test ?? [];
  return Array.isArray(test) ? test.join(' ') : test;
}

interface InitScript {
  databases: Map<string, string>;
  passwords: Map<string, string>;
}

function readInitScript(): InitScript {
  const sql = readFileSync(initScriptPath, 'utf8');
  const databases = new Map([...sql.matchAll(/CREATE DATABASE (\w+) OWNER (\w+);/g)].map((m) => [m[1], m[2]]));
  const passwords = new Map([...sql.matchAll(/CREATE ROLE (\w+) LOGIN PASSWORD '([^']*)';/g)].map((m) => [m[1], m[2]]));
  return { databases, passwords };
}

const compose = loadCompose();
const apps = appFolders();
const initScript = readInitScript();

describe('docker-compose.yml', () => {
  it('has the apps the workspace started with', () => {
    expect(apps).toEqual(expect.arrayContaining(['gateway', 'identity']));
  });

  it('runs every app of the platform, one migration service per database, and Kafka and PostgreSQL besides', () => {
    expect(PLATFORM_APPS).toEqual(expect.arrayContaining(apps));
    const expected = [...infrastructure, ...PLATFORM_APPS, ...DATABASE_APPS.map(migrationServiceOf)];
    expect(Object.keys(compose.services).sort()).toEqual(expected.sort());
  });

  describe('kafka', () => {
    const kafka = compose.services.kafka;
    const env = environmentOf(kafka);

    it('is a single KRaft node of Apache Kafka 4 (the one version everywhere: tools/k8s/versions.spec.ts)', () => {
      expect(kafka.image).toMatch(/^apache\/kafka:4\.\d+\.\d+$/);
      expect(env.KAFKA_PROCESS_ROLES.split(',').sort()).toEqual(['broker', 'controller']);
      expect(env.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(env.KAFKA_ADVERTISED_LISTENERS).toContain('kafka:9092');
    });

    it('does not ask one broker to replicate internal topics', () => {
      expect(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
      expect(env.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
      expect(env.KAFKA_TRANSACTION_STATE_LOG_MIN_ISR).toBe('1');
      expect(env.KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS).toBe('0');
    });

    it('leaves topic creation to the services, as the local broker does', () => {
      expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    });

    it('has a healthcheck', () => {
      expect(healthcheckCommand(kafka)).toContain('--bootstrap-server localhost:9092');
    });
  });

  describe('postgres', () => {
    const postgres = compose.services.postgres;

    it('is PostgreSQL 15 with a healthcheck', () => {
      expect(postgres.image).toMatch(/^postgres:15(\b|-)/);
      expect(healthcheckCommand(postgres)).toContain('pg_isready');
    });

    it('mounts the init script that creates the service databases', () => {
      expect(postgres.volumes).toContainEqual(
        expect.stringMatching(/^\.\/tools\/compose\/postgres-init\.sql:\/docker-entrypoint-initdb\.d\/[\w-]+\.sql(:ro)?$/),
      );
    });

    it.each(DATABASE_APPS.map((service) => `mogul_${service}`))('creates %s with its own login role', (database) => {
      const owner = initScript.databases.get(database);
      expect(owner).toBeDefined();
      expect(initScript.passwords.has(owner as string)).toBe(true);
    });
  });

  describe.each(apps)('app %s', (app) => {
    const service = compose.services[app];
    const env = service ? environmentOf(service) : {};

    it('is a compose service', () => {
      expect(service).toBeDefined();
    });

    it('is built from the workspace Dockerfile with its APP build argument', () => {
      expect(service?.build?.context).toBe('.');
      expect(service?.build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      expect(buildArgsOf(service ?? {}).APP).toBe(app);
    });

    it('has the entry point and tsconfig.app.json that the Dockerfile compiles', () => {
      expect(existsSync(join(root, 'apps', app, 'src', 'main.ts'))).toBe(true);
      expect(existsSync(join(root, 'apps', app, 'tsconfig.app.json'))).toBe(true);
    });

    it('gets the environment it needs', () => {
      const needed = [
        ...everyAppNeeds,
        ...(appSpecificNeeds[app] ?? []),
        ...(statelessApps.has(app) ? [] : ['DATABASE_URL', 'KAFKA_BROKERS']),
      ];
      for (const name of needed) expect({ name, value: env[name] ?? '' }).toEqual({ name, value: expect.stringMatching(/\S/) });
      if (statelessApps.has(app)) expect(Object.keys(env).filter((name) => name.startsWith('KAFKA_'))).toEqual([]);
      else expect(env.KAFKA_BROKERS).toBe('kafka:9092');
    });

    if (app === 'gateway') {
      it("calls each service by its compose name on the service's own HTTP port", () => {
        for (const service of services) {
          const port = environmentOf(compose.services[service] ?? {}).HTTP_PORT;
          expect({ service, url: env[`${service.toUpperCase()}_URL`] }).toEqual({ service, url: `http://${service}:${port}` });
        }
      });
    }

    it('gets an environment that its configuration class accepts', async () => {
      const configs = await configClassesOf(app);
      expect(configs.map(({ file }) => file)).not.toEqual([]);
      for (const { configClass } of configs) expect(() => loadConfig(configClass, env)).not.toThrow();
    });

    it('is probed on its own /health endpoint', () => {
      expect(healthcheckCommand(service ?? {})).toContain(`http://127.0.0.1:${env.HTTP_PORT}/health`);
    });

    it(statelessApps.has(app) ? 'waits for healthy services, not for Kafka' : 'waits for a healthy broker and database', () => {
      const dependencies = healthyDependencies(service ?? {});
      if (statelessApps.has(app)) {
        expect(dependencies.sort()).toEqual([...services].sort());
      } else {
        expect(dependencies).toContain('kafka');
        expect(dependencies).toContain('postgres');
      }
    });

    if (!statelessApps.has(app)) {
      it('connects to its own database, created by the init script, as the role that owns it', () => {
        const url = new URL(env.DATABASE_URL);
        const database = url.pathname.slice(1);
        expect(url.hostname).toBe('postgres');
        expect(database).toBe(`mogul_${app}`);
        expect(initScript.databases.get(database)).toBe(decodeURIComponent(url.username));
        expect(initScript.passwords.get(decodeURIComponent(url.username))).toBe(decodeURIComponent(url.password));
      });
    }
  });

  describe.each(DATABASE_APPS)('migrations of %s', (app) => {
    const service = compose.services[app] ?? {};
    const migrate = compose.services[migrationServiceOf(app)] ?? {};
    const env = environmentOf(migrate);

    it("run once from the service's own image, then exit", () => {
      expect(migrate.build).toEqual(service.build);
      expect(migrate.image).toBe(service.image);
      expect(migrate.command).toEqual(['node', 'dist/migrate.js']);
      expect(migrate.restart).toBe('no');
      expect(migrate.ports ?? []).toEqual([]);
    });

    it("against the service's own database, once PostgreSQL is healthy", () => {
      expect(env.DATABASE_URL).toBe(environmentOf(service).DATABASE_URL);
      expect(healthyDependencies(migrate)).toEqual(['postgres']);
    });

    it('finish before the service starts, which does not run them itself', () => {
      expect(dependencies(service, 'service_completed_successfully')).toEqual([migrationServiceOf(app)]);
      expect(environmentOf(service).MIGRATIONS_RUN).toBe('false');
    });

    (hasSources(app) ? it : it.skip)('with an environment that the migration command accepts', async () => {
      expect(existsSync(join(root, 'apps', app, 'src', 'migrate.ts'))).toBe(true);
      const databaseConfigs = (await configClassesOf(app)).filter(({ configClass }) => /DatabaseConfig$/.test(configClass.name));
      expect(databaseConfigs).not.toEqual([]);
      for (const { configClass } of databaseConfigs) expect(() => loadConfig(configClass, env)).not.toThrow();
    });
  });

  it('signs and verifies tokens with the same settings in every app', () => {
    const settings = apps.map((app) => tokenSettings.map((name) => environmentOf(compose.services[app] ?? {})[name]));
    expect(new Set(settings.map((values) => JSON.stringify(values))).size).toBe(1);
    expect(settings[0].every((value) => value !== undefined && value !== '')).toBe(true);
  });

  it('publishes the gateway alone, on port 3000', () => {
    const published = Object.entries(compose.services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name, service]) => [name, service.ports]);
    expect(published).toEqual([['gateway', ['3000:3000']]]);
  });
});
