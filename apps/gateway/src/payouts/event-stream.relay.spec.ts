import Fastify, { FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import { EventStreamRelay } from './event-stream.relay';

describe('EventStreamRelay', () => {
  let app: FastifyInstance;

  afterEach(async () => {
    await app.close();
  });

  it('answers nothing and reports no error when the client leaves before the service starts the stream', async () => {
    app = Fastify();
    const relay = new EventStreamRelay();
    const errors: unknown[] = [];
    app.setErrorHandler((error, _request, reply) => {
      errors.push(error);
      void reply.status(500).send({ status: 500 });
    });
    let calling!: () => void;
    const called = new Promise<void>((resolve) => (calling = resolve));
    let handled!: (outcome: string) => void;
    const outcome = new Promise<string>((resolve) => (handled = resolve));
    app.get('/events', async (_request, reply) => {
      try {
        // A service that has not answered yet: the call ends only when its signal aborts.
        await relay.relay(
          reply,
          (signal) =>
            new Promise((_resolve, reject) => {
              signal.addEventListener('abort', () =>
                reject(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' })),
              );
              calling();
            }),
        );
        handled('returned');
      } catch (error) {
        handled('threw');
        throw error;
      }
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };

    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('GET /events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n');
    await called;
    socket.destroy();

    expect(await outcome).toBe('returned');
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual([]);
  });
});
