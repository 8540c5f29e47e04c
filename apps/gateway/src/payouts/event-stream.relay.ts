import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { EVENT_STREAM_MEDIA_TYPE } from '@mogul/contracts';
import { ServiceStream } from '@mogul/http';
import { HSTS } from '../http/security-headers';
import { FastifyReply } from 'fastify';

/**
 * Passes a service's event stream through to the client as it comes. The reply is taken over
 * from Fastify once the service has started the stream (a failure before that is an ordinary
 * problem document): `onSend` hooks would otherwise wait for a body that never ends. The headers
 * Fastify's hooks set so far (security headers, correlation id) are kept, and nothing between the
 * service and the client buffers: no compression, and `X-Accel-Buffering: no` for a proxy in front.
 * The upstream request is aborted when the client goes away, and every stream ends (cleanly, so
 * that clients reconnect) when the gateway stops.
 */
@Injectable()
export class EventStreamRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventStreamRelay.name);
  private readonly open = new Set<() => void>();

  async relay(reply: FastifyReply, start: (signal: AbortSignal) => Promise<ServiceStream>): Promise<void> {
    const raw = reply.raw;
    const upstream = new AbortController();
    const clientGone = () => upstream.abort();
    raw.once('close', clientGone);
    let stream: ServiceStream;
    try {
      stream = await start(upstream.signal);
    } catch (error) {
      raw.removeListener('close', clientGone);
      // The client left before the service started the stream, which aborted the call: there is
      // nobody to answer and nothing went wrong (thrown, the abort would be logged as a 500).
      if (upstream.signal.aborted) {
        reply.hijack();
        raw.destroy();
        return;
      }
      throw error;
    }
    if (raw.destroyed) {
      upstream.abort();
      stream.body.destroy();
      return;
    }
    reply.hijack();
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': stream.contentType ?? `${EVENT_STREAM_MEDIA_TYPE}; charset=utf-8`,
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      // A stream's connection is never reused: closing it with the stream lets the server stop at once.
      connection: 'close',
      // Set by an onSend hook elsewhere, which a hijacked reply never runs.
      ...(reply.request.protocol === 'https' ? { 'strict-transport-security': HSTS } : {}),
    });
    const end = () => {
      this.open.delete(end);
      upstream.abort();
      if (!raw.writableEnded) raw.end();
    };
    this.open.add(end);
    stream.body.on('error', (error: Error) => {
      // Aborted because the client left or the gateway stops: nothing to report.
      if (!upstream.signal.aborted) this.logger.warn(`an event stream from a service broke off: ${error.message}`);
      end();
    });
    stream.body.on('end', end);
    raw.once('close', end);
    stream.body.pipe(raw, { end: false });
  }

  beforeApplicationShutdown(): void {
    for (const end of [...this.open]) end();
  }
}
