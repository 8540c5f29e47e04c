import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** Thrown at start-up when configuration is missing or bad; the message names each variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const name = `${prefix}${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((m) => `${name}: ${m}`);
    return [...own, ...describe(e.children ?? [], `${name}.`)];
  });
}

/**
 * Reads the environment into a typed, validated config class once at start-up. Class properties
 * are named as the environment variables (e.g. `DATABASE_URL`) and decorated with class-validator
 * and class-transformer (`@Type(() => Number)`) rules; defaults are property initialisers.
 */
export function loadConfig<T extends object>(configClass: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new configClass() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') raw[key] = value;
  const config = plainToInstance(configClass, { ...defaults, ...raw }, { enableImplicitConversion: false, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(describe(errors));
  return config;
}
