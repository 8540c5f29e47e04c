import { PinoLogger } from 'nestjs-pino';

/**
 * What the messaging classes need from a logger: a message plus structured fields. Services pass
 * their pino logger through `pinoMessagingLogger`; tests and benchmarks can pass `silentLogger`.
 */
export interface MessagingLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ignore = (): void => undefined;

export const silentLogger: MessagingLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** The subset of a pino logger used here: fields first, message second. */
export interface PinoLike {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export function pinoMessagingLogger(pino: PinoLike): MessagingLogger {
  return {
    debug: (message, fields) => pino.debug(fields ?? {}, message),
    info: (message, fields) => pino.info(fields ?? {}, message),
    warn: (message, fields) => pino.warn(fields ?? {}, message),
    error: (message, fields) => pino.error(fields ?? {}, message),
  };
}

/** Turns any thrown value into loggable fields without losing the cause chain's first message. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, errorName: error.name, stack: error.stack };
  return { error: String(error) };
}

/**
 * A service's own pino logger (the root logger nestjs-pino configures when the application
 * initialises), for its relay and event consumers. It is looked up at the first line logged, so it
 * can be made while the application's providers are still being created.
 */
export function serviceMessagingLogger(): MessagingLogger {
  let pino: PinoLike | undefined;
  const current = () => (pino ??= (PinoLogger.root as PinoLike | undefined) && PinoLogger.root.child({ context: 'Messaging' }));
  return {
    debug: (message, fields) => current()?.debug(fields ?? {}, message),
    info: (message, fields) => current()?.info(fields ?? {}, message),
    warn: (message, fields) => current()?.warn(fields ?? {}, message),
    error: (message, fields) => current()?.error(fields ?? {}, message),
  };
}
