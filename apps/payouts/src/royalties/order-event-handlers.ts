import { EventEnvelope, OrderEvents, ProductEvents, ProductStateV1 } from '@mogul/contracts';
import { EventHandler, EventHandlers } from '@mogul/messaging';
import {
  DataSource,
  EntitySubscriberInterface,
  EntityManager,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { ProductNames } from '../products/product-names.service';
import { QueuedEvent } from './line-news';
import { RoyaltyLedgerService } from './royalty-ledger.service';

/** The order events the ledger is built from; placed and payment-failed change nothing in it. */
const ORDER_EVENT_TYPES: string[] = [
  OrderEvents.paid.type,
  OrderEvents.fulfilled.type,
  OrderEvents.refunded.type,
  OrderEvents.cancelled.type,
];
const PRODUCT_EVENT_TYPES: string[] = Object.values(ProductEvents).map(({ type }) => type);

/**
 * Applies the events a transaction handled together, just before it commits. The consumer hands
 * events to their handlers one at a time in one transaction (up to 50 of a partition); the
 * handlers only queue them here, and this TypeORM subscriber applies the queue in one go when the
 * transaction commits: set-based, a run costs about as many statements as a single event. If
 * applying fails, the commit fails and the consumer handles the events again one by one.
 */
export class QueuedEventsApplier implements EntitySubscriberInterface {
  private readonly queues = new WeakMap<QueryRunner, QueuedEvent[]>();

  constructor(
    private readonly royalties: RoyaltyLedgerService,
    private readonly products: ProductNames,
  ) {}

  /** Listens to the data source's transactions; once per data source. */
  attachTo(dataSource: DataSource): this {
    if (!dataSource.subscribers.includes(this)) dataSource.subscribers.push(this);
    return this;
  }

  enqueue(manager: EntityManager, queued: QueuedEvent): void {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('order and product events are applied in the transaction that records them');
    const queue = this.queues.get(runner) ?? [];
    queue.push(queued);
    this.queues.set(runner, queue);
  }

  async beforeTransactionCommit(commit: TransactionCommitEvent): Promise<void> {
    const queue = this.queues.get(commit.queryRunner);
    if (!queue) return;
    this.queues.delete(commit.queryRunner);
    await this.apply(commit.manager, queue);
  }

  afterTransactionRollback(rollback: TransactionRollbackEvent): void {
    this.queues.delete(rollback.queryRunner);
  }

  /** Applies a run of events now, in the caller's transaction. */
  async apply(manager: EntityManager, queue: QueuedEvent[]): Promise<void> {
    const isProduct = (event: EventEnvelope) => PRODUCT_EVENT_TYPES.includes(event.type);
    await this.products.apply(
      manager,
      queue.filter((q) => isProduct(q.event)).map((q) => q.event.payload as ProductStateV1),
    );
    await this.royalties.applyOrderEvents(
      manager,
      queue.filter((q) => !isProduct(q.event)),
    );
  }
}

/**
 * What payouts does with each event it consumes: the one map the live consumer and the rebuild
 * both use, so that a rebuilt ledger comes from the same code as the live one. Types not named
 * here (orders.order.placed, payment-failed) are recorded and skipped.
 */
export function payoutsEventHandlers(applier: QueuedEventsApplier): EventHandlers {
  const queue: EventHandler = async (event, manager, context) => applier.enqueue(manager, { event, cause: context.cause });
  return Object.fromEntries([...ORDER_EVENT_TYPES, ...PRODUCT_EVENT_TYPES].map((type) => [type, queue]));
}
