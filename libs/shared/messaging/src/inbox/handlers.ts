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

export const DEFAULT_VERSIONS: readonly number[] = [1];

export type HandlerChoice =
  { kind: 'handle'; handle: EventHandler } | { kind: 'unknown-type' } | { kind: 'unsupported-version'; supported: readonly number[] };

function versioned(handler: EventHandler | VersionedEventHandler): VersionedEventHandler {
  return typeof handler === 'function' ? { versions: DEFAULT_VERSIONS, handle: handler } : handler;
}

/** Picks the handler for an event: one handler for every type, or one per type. */
export class HandlerRouter {
  private readonly all?: VersionedEventHandler;
  private readonly byType = new Map<string, VersionedEventHandler>();

  constructor(route: { handler?: EventHandler | VersionedEventHandler; handlers?: EventHandlers }) {
    if ((route.handler === undefined) === (route.handlers === undefined)) {
      throw new Error('give exactly one of "handler" and "handlers"');
    }
    if (route.handler) this.all = versioned(route.handler);
    for (const [type, handler] of Object.entries(route.handlers ?? {})) this.byType.set(type, versioned(handler));
  }

  choose(event: Pick<EventEnvelope, 'type' | 'version'>): HandlerChoice {
    const handler = this.all ?? this.byType.get(event.type);
    if (!handler) return { kind: 'unknown-type' };
    if (!handler.versions.includes(event.version)) return { kind: 'unsupported-version', supported: handler.versions };
    return { kind: 'handle', handle: handler.handle };
  }
}
