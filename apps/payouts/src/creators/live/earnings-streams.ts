import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { EARNINGS_STREAM_EVENT, EarningsView, EVENT_STREAM_MEDIA_TYPE } from '@mogul/contracts';
import { FastifyReply } from 'fastify';
import { CreatorEarningsService } from '../creator-earnings.service';
import { EarningsFanOut } from './earnings-fan-out';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

const eventOf = (view: EarningsView) => `event: ${EARNINGS_STREAM_EVENT}\ndata: ${JSON.stringify(view)}\n\n`;

/**
 * Live earnings as server-sent events: the creator's earnings at once, then again after every
 * change the fan-out reads, and a heartbeat comment in between. A reader too slow to take the
 * events as they come gets the newest view once it catches up, not every one in between. Open
 * streams end when the service stops (before HTTP closes, which waits for them), and the client
 * reconnects to another replica.
 */
@Injectable()
export class EarningsStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly earnings: CreatorEarningsService,
    private readonly fanOut: EarningsFanOut,
  ) {}

  /**
   * Streams `creatorId`'s earnings on `reply` until the client goes away. The first read happens
   * before the answer starts, so that its failure is still a problem document.
   */
  async stream(creatorId: string, reply: FastifyReply): Promise<void> {
    const raw = reply.raw;
    let started = false;
    /** A view that could not be written yet: before the first event, or while the socket is full. */
    let waiting: EarningsView | undefined;
    const write = (view: EarningsView) => {
      if (raw.writableNeedDrain) waiting = view;
      else raw.write(eventOf(view));
    };
    // Subscribed before the first read, so that a change committed meanwhile is not missed.
    const unsubscribe = this.fanOut.subscribe(creatorId, (view) => (started ? write(view) : (waiting = view)));
    let first: EarningsView;
    try {
      first = await this.earnings.earningsOf(creatorId);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    if (raw.destroyed) {
      unsubscribe();
      return;
    }
    reply.hijack();
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': `${EVENT_STREAM_MEDIA_TYPE}; charset=utf-8`,
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      // A stream's connection is never reused: closing it with the stream lets the server stop at once.
      connection: 'close',
    });
    // A view read after a change that came during the first read is the newer one.
    write(waiting ?? first);
    waiting = undefined;
    started = true;
    raw.on('drain', () => {
      const next = waiting;
      waiting = undefined;
      if (next) write(next);
    });
    const heartbeat = setInterval(() => {
      if (!raw.writableNeedDrain) raw.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    const cleanUp = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(end);
      // A client that went away may leave its socket half-open: the stream is over either way,
      // and a socket left behind would hold the server's shutdown until it timed out.
      if (!raw.destroyed) raw.destroy();
    };
    const end = () => {
      cleanUp();
      raw.end();
    };
    this.open.add(end);
    raw.once('close', cleanUp);
  }

  beforeApplicationShutdown(): void {
    for (const end of [...this.open]) end();
  }
}
