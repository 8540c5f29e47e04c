import { EntityManager } from 'typeorm';
import { Causation, EventEnvelope } from '@mogul/contracts';

export interface HandlerContext {
  topic: string;
  partition: number;
  offset: string;
  /** 1 on the first try. */
  attempt: number;
  correlationId: string;
  /** Pass to `envelope()` for events this handler causes: same correlation, caused by this event. */
  cause: Causation;
}

/**
 * Applies one event's effect with `manager`, the transaction that also records the event as
 * handled. Throwing rolls both back, and the event is retried.
 */
export type EventHandler = (event: EventEnvelope, manager: EntityManager, context: HandlerContext) => Promise<void>;

/** A handler with the envelope versions it understands; a plain function understands version 1. */
export interface VersionedEventHandler {
  versions: readonly number[];
  handle: EventHandler;
}

/** Handlers by event type. */
export type EventHandlers = Record<string, EventHandler | VersionedEventHandler>;

/** An event with what its handler is told about it. */
export interface HandledEvent {
  event: EventEnvelope;
  context: HandlerContext;
}

/**
 * Applies, set-based, every new event of its types that one transaction handles (in partition
 * order), after the per-event handlers of that transaction ran. Throwing rolls the transaction
 * back; its events are then handled again one per transaction.
 */
export type BatchEventHandler = (events: HandledEvent[], manager: EntityManager) => Promise<void>;

export interface BatchRoute {
  types: readonly string[];
  /** Envelope versions understood; version 1 when absent. */
  versions?: readonly number[];
  handle: BatchEventHandler;
}

export const DEFAULT_VERSIONS: readonly number[] = [1];

export type HandlerChoice =
  | { kind: 'handle'; handle: EventHandler }
  | { kind: 'batch'; batch: BatchRoute }
  | { kind: 'unknown-type' }
  | { kind: 'unsupported-version'; supported: readonly number[] };

function versioned(handler: EventHandler | VersionedEventHandler): VersionedEventHandler {
  return typeof handler === 'function' ? { versions: DEFAULT_VERSIONS, handle: handler } : handler;
}

export interface Routes {
  /** One handler for every type... */
  handler?: EventHandler | VersionedEventHandler;
  /** ...or one per type, and/or batch handlers for types of their own. */
  handlers?: EventHandlers;
  batches?: BatchRoute[];
}

/** Picks the handler for an event: one handler for every type, one per type, or the batch of its type. */
export class HandlerRouter {
  private readonly all?: VersionedEventHandler;
  private readonly byType = new Map<string, VersionedEventHandler>();
  private readonly batchByType = new Map<string, BatchRoute>();

  constructor(routes: Routes) {
    const given = [routes.handler, routes.handlers ?? routes.batches].filter((r) => r !== undefined).length;
    if (given !== 1) throw new Error('give "handler", or "handlers" and/or "batches"');
    if (routes.handler) this.all = versioned(routes.handler);
    for (const [type, handler] of Object.entries(routes.handlers ?? {})) this.byType.set(type, versioned(handler));
    for (const batch of routes.batches ?? []) {
      for (const type of batch.types) {
        if (this.byType.has(type) || this.batchByType.has(type)) throw new Error(`more than one handler for ${type}`);
        this.batchByType.set(type, batch);
      }
    }
  }

  choose(event: Pick<EventEnvelope, 'type' | 'version'>): HandlerChoice {
    const batch = this.batchByType.get(event.type);
    if (batch) {
      const versions = batch.versions ?? DEFAULT_VERSIONS;
      return versions.includes(event.version) ? { kind: 'batch', batch } : { kind: 'unsupported-version', supported: versions };
    }
    const handler = this.all ?? this.byType.get(event.type);
    if (!handler) return { kind: 'unknown-type' };
    if (!handler.versions.includes(event.version)) return { kind: 'unsupported-version', supported: handler.versions };
    return { kind: 'handle', handle: handler.handle };
  }
}
