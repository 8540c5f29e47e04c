import { CustomTransportStrategy, BaseRpcContext, MessageHandler, Server } from '@nestjs/microservices';
import { Causation } from '@mogul/contracts';
import { isObservable, lastValueFrom } from 'rxjs';
import { EntityManager } from 'typeorm';
import { EventHandlers, HandledEvent, HandlerContext, BatchRoute } from '../inbox/handlers';
import { IdempotentConsumer, IdempotentConsumerOptions } from '../inbox/idempotent-consumer';
import { silentLogger } from '../logger';
import { StartWhenBrokerAnswers } from './start-when-broker-answers';

/**
 * `@EventPattern(types, BATCH)`: the handler takes every new event of its types that one inbox
 * transaction holds, as `HandledEvent[]`, and applies them set-based.
 */
export const BATCH = { batch: true } as const;

/** The envelope versions a handler understands, e.g. `@EventPattern(type, versions(1, 2))`; 1 when not said. */
export const versions = (...understood: number[]) => ({ versions: understood });

interface PatternExtras {
  batch?: boolean;
  versions?: number[];
}

/** What an event handler gets besides the event: the transaction its effect joins, and where the event came from. */
export class EventContext extends BaseRpcContext<[EntityManager, HandlerContext]> {
  /** Write the effect with this: the inbox records the event in the same transaction. */
  get manager(): EntityManager {
    return this.args[0];
  }

  /** Pass to `envelope()` for the events this one causes. */
  get cause(): Causation {
    return this.args[1].cause;
  }

  get source(): HandlerContext {
    return this.args[1];
  }
}

/** What a batch handler gets besides its events: the transaction their effects join. */
export class BatchContext extends BaseRpcContext<[EntityManager]> {
  get manager(): EntityManager {
    return this.args[0];
  }
}

export type KafkaEventsOptions = Omit<IdempotentConsumerOptions, 'handler' | 'handlers' | 'batches'>;

/**
 * The Nest transport of a service's domain events: its `@EventPattern` handlers (event types as
 * patterns) served by the idempotent consumer, so each event has its effect once, in the
 * transaction that records it in the inbox, with batches, retries and the dead-letter topic. A
 * broker that does not answer at start does not stop the service: the consumer starts once it does.
 * Connect it with `app.connectMicroservice({ strategy: new KafkaEventsTransport(...) })`; Nest
 * closes it (the consumer commits what it handled and leaves its group) when the app closes.
 */
export class KafkaEventsTransport extends Server implements CustomTransportStrategy {
  private consumer?: IdempotentConsumer;
  private starter?: StartWhenBrokerAnswers;

  constructor(private readonly options: KafkaEventsOptions) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    const handlers: EventHandlers = {};
    const batches = new Map<MessageHandler, string[]>();
    for (const [pattern, handler] of this.messageHandlers) {
      if (!handler.isEventHandler) throw new Error(`"${pattern}" is a request pattern; services answer requests over HTTP`);
      const extras = (handler.extras ?? {}) as PatternExtras;
      if (extras.batch) batches.set(handler, [...(batches.get(handler) ?? []), pattern]);
      else {
        handlers[pattern] = {
          versions: extras.versions ?? [1],
          handle: (event, manager, context) => this.invoke(handler, event, new EventContext([manager, context])),
        };
      }
    }
    const batchRoutes: BatchRoute[] = [...batches].map(([handler, types]) => ({
      types,
      versions: (handler.extras as PatternExtras | undefined)?.versions,
      handle: (events: HandledEvent[], manager: EntityManager) => this.invoke(handler, events, new BatchContext([manager])),
    }));
    const consumer = new IdempotentConsumer({ ...this.options, handlers, batches: batchRoutes });
    this.consumer = consumer;
    this.starter = new StartWhenBrokerAnswers(
      `the consumer ${this.options.groupId}`,
      () => consumer.start(),
      this.options.logger ?? silentLogger,
    );
    this.starter.begin().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  /** Runs every handler of the pattern (Nest chains them), surfacing the handler's own error to the consumer. */
  private async invoke(first: MessageHandler, data: unknown, context: BaseRpcContext): Promise<void> {
    for (let handler: MessageHandler | undefined = first; handler; handler = handler.next) {
      const result: unknown = await handler(data, context);
      if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
    }
  }

  async close(): Promise<void> {
    await this.starter?.stop();
    await this.consumer?.stop();
    this.consumer = undefined;
  }

  on(): never {
    throw new Error('KafkaEventsTransport emits no events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
