import { INestApplication, Logger } from '@nestjs/common';
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { flushLogs } from './logging';

/** What a started service hands back: `close()` stops it in order and resolves when all is done. */
export interface Closable {
  close(): Promise<void>;
}

export interface StopOnSignalsOptions {
  service: string;
  /** After this long the process exits with code 1 whatever is still running. */
  timeoutMs: number;
  /** Runs after the application closed, before the process ends (e.g. flushing spans). */
  afterClose?: () => Promise<void>;
}

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Stops the service on SIGTERM or SIGINT: `app.close()` (which stops taking requests and events,
 * finishes the work in flight, flushes the outbox, then closes connections), then ends the process
 * by the same signal, as a process without handlers would. A close that takes longer than
 * `timeoutMs` or fails exits with code 1: what it left undone stays in the outbox and on Kafka
 * for the next start.
 */
export function stopOnSignals(app: Closable, options: StopOnSignalsOptions): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn(`${signal} while stopping: still finishing the work in flight`);
      return;
    }
    stopping = true;
    const started = Date.now();
    logger.log(`${signal}: ${options.service} stops taking work and finishes what it has (at most ${options.timeoutMs} ms)`);
    const deadline = setTimeout(() => {
      logger.error(`${options.service} did not stop within ${options.timeoutMs} ms; exiting now`);
      process.exit(1);
    }, options.timeoutMs);
    app
      .close()
      .then(() => options.afterClose?.())
      .then(
        () => {
          clearTimeout(deadline);
          logger.log(`${options.service} stopped in ${Date.now() - started} ms`);
          for (const name of SIGNALS) process.removeListener(name, stop);
          flushLogs();
          process.kill(process.pid, signal);
        },
        (error: unknown) => {
          logger.error(
            `${options.service} failed to stop cleanly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
          process.exit(1);
        },
      );
  };
  for (const name of SIGNALS) process.on(name, stop);
}

interface StoppableFastify {
  server: Server;
  addHook(name: 'preClose', hook: (done: () => void) => void): unknown;
  addHook(
    name: 'onSend',
    hook: (
      request: unknown,
      reply: { header(name: string, value: string): unknown },
      payload: unknown,
      done: (error: null, payload: unknown) => void,
    ) => void,
  ): unknown;
  addHook(name: 'onClose', hook: (instance: unknown, done: () => void) => void): unknown;
}

/** How often a stopping server closes the keep-alive connections that have gone idle. */
const IDLE_SWEEP_MS = 100;

/**
 * Lets a Fastify-based application's HTTP server stop as soon as its requests are answered. On
 * close the server stops accepting connections and waits for the open ones to end, and a
 * keep-alive connection whose request was still running would otherwise stay open, idle, until
 * its keep-alive timeout (72 s in Fastify). So while stopping, every answer says
 * `Connection: close`, and connections that have gone idle are closed, as are connections that
 * never sent a request (Node counts them as neither idle nor busy, and would wait for its 60 s
 * headers timeout).
 */
export function closeConnectionsWhenStopping(app: INestApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as StoppableFastify;
  let stopping = false;
  let sweeper: NodeJS.Timeout | undefined;
  const unused = new Set<Socket>();
  fastify.server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  fastify.server.on('request', (request: IncomingMessage) => unused.delete(request.socket));
  const sweep = () => {
    fastify.server.closeIdleConnections();
    for (const socket of unused) socket.destroy();
  };
  fastify.addHook('preClose', (done) => {
    stopping = true;
    sweeper = setInterval(sweep, IDLE_SWEEP_MS);
    sweeper.unref();
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (stopping) reply.header('connection', 'close');
    done(null, payload);
  });
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(sweeper);
    done();
  });
}
