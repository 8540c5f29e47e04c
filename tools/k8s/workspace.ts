import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SERVICE_DATABASES } from '../infra/settings';

// The platform's apps as the deployment files see them, shared by the compose and Kubernetes checks.

export const WORKSPACE_ROOT = join(__dirname, '..', '..');

/** The gateway and every service that owns a database; apps/ may still lack one being built. */
export const PLATFORM_APPS = ['gateway', ...SERVICE_DATABASES].sort();
export const DATABASE_APPS = [...SERVICE_DATABASES].sort();

/** The apps that run as a process of their own (apps/web is the gateway's static web app, not one). */
export function appFolders(): string[] {
  return readdirSync(join(WORKSPACE_ROOT, 'apps'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !existsSync(join(WORKSPACE_ROOT, 'apps', entry.name, 'vite.config.ts')))
    .map((entry) => entry.name)
    .sort();
}

export function hasSources(app: string): boolean {
  return existsSync(join(WORKSPACE_ROOT, 'apps', app, 'src', 'main.ts'));
}

export interface ConfigClass {
  file: string;
  configClass: new () => object;
}

/** Configuration classes of an app: exported classes named `*Config` in `config.ts` or `*.config.ts`. */
export async function configClassesOf(app: string): Promise<ConfigClass[]> {
  const sourceDir = join(WORKSPACE_ROOT, 'apps', app, 'src');
  if (!existsSync(sourceDir)) return [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  const found: ConfigClass[] = [];
  for (const file of walk(sourceDir).filter((f) => /(^|[/.])config\.ts$/.test(f) && !f.endsWith('.spec.ts'))) {
    const exports = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === 'function' && /Config$/.test(name) && value.prototype) {
        found.push({ file: relative(WORKSPACE_ROOT, file), configClass: value as new () => object });
      }
    }
  }
  return found;
}
