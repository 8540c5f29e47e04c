import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { infraSettings } from '../infra';
import { SERVICES, serviceEnv } from './services';

/** Runs every service's pending migrations against its database, then exits. */
const settings = infraSettings();
let failed = false;
for (const service of SERVICES.filter((s) => s.database)) {
  console.log(`migrating ${service.name}…`);
  const result = spawnSync(process.execPath, ['-r', join(settings.rootDir, 'tools/register.js'), `apps/${service.name}/src/migrate.ts`], {
    cwd: settings.rootDir,
    env: serviceEnv(service, settings, process.env.KAFKA_BROKERS ?? `127.0.0.1:${settings.kafkaPort}`),
    stdio: 'inherit',
  });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
