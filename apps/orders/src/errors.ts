import { OrderStatus } from '@mogul/contracts';
import { DomainError, DomainErrorCode, FieldProblem } from '@mogul/http';

/**
 * What can go wrong in orders, as types. Each says its code; the internal API's problem filter
 * from `@mogul/http` answers it as the matching problem details, which the gateway passes on.
 */

/** No such order, or one the caller may not see (another shopper's order reads the same). */
export class OrderNotFoundError extends DomainError {
  readonly code = 'not-found' as const;
  constructor(readonly orderId: string) {
    super(`order ${orderId} not found`);
  }
}

/** A line names a design orders has never heard of as published. */
export class UnknownProductError extends DomainError {
  readonly code = 'unprocessable' as const;
  override readonly problems: FieldProblem[];
  constructor(index: number, productId: string) {
    super(`lines[${index}].productId: product ${productId} does not exist`);
    this.problems = [{ field: `lines[${index}].productId`, message: `product ${productId} does not exist` }];
  }
}

/**
 * A line's design exists but cannot be ordered now (withdrawn, rejected, hidden by flags, no longer
 * fitting its listing, its listing not active).
 */
export class ProductNotOrderableError extends DomainError {
  readonly code = 'conflict' as const;
  override readonly problems: FieldProblem[];
  constructor(index: number, productId: string, why: string) {
    super(`lines[${index}].productId: product ${productId} ${why}`);
    this.problems = [{ field: `lines[${index}].productId`, message: `product ${productId} ${why}` }];
  }
}

/** An order is paid in one currency; the lines priced in another are named. */
export class MixedCurrenciesError extends DomainError {
  readonly code = 'unprocessable' as const;
  constructor(override readonly problems: FieldProblem[]) {
    super('all lines of an order must be in one currency');
  }
}

/** The order's total is more than the largest an order may have (`OrderLimits.totalAmountMax`). */
export class OrderTotalTooLargeError extends DomainError {
  readonly code = 'unprocessable' as const;
  override readonly problems: FieldProblem[];
  constructor(total: bigint, max: number, currency: string) {
    const message = `the order's total is too large: ${total} ${currency} minor units, more than the ${max} an order may have`;
    super(message);
    this.problems = [{ field: 'lines', message }];
  }
}

/** The transition is not allowed from the order's current state; the message names that state. */
export class IllegalTransitionError extends DomainError {
  readonly code = 'conflict' as const;
  constructor(
    readonly status: OrderStatus,
    readonly action: string,
  ) {
    super(`cannot ${action} an order that is ${status}`);
  }
}

/** Another transition changed the order between reading and writing it. */
export class ConcurrentChangeError extends DomainError {
  readonly code = 'conflict' as const;
  constructor(orderId: string) {
    super(`order ${orderId} was changed concurrently; read it again`);
  }
}

/** A line asked to be refunded is already refunded, or not a line of the order. */
export class LineRefundError extends DomainError {
  constructor(
    readonly code: 'conflict' | 'unprocessable',
    field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.problems = [{ field, message }];
  }
}

/** The same `Idempotency-Key` came with a different request. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'unprocessable' as const;
  override readonly problems = [{ field: 'Idempotency-Key', message: 'this key was used with a different request' }];
  constructor() {
    super('the Idempotency-Key was already used with a different request body');
  }
}

/** The first request with this key is still being answered. */
export class IdempotencyKeyInProgressError extends DomainError {
  readonly code = 'conflict' as const;
  constructor() {
    super('a request with this Idempotency-Key is still in progress; retry shortly');
  }
}

/** The caller may see the order but not do this to it. */
export class NotAllowedError extends DomainError {
  readonly code = 'forbidden' as const;
  constructor(message: string) {
    super(message);
  }
}

/** A stored failure answered again: the same code (so the same status), message and fields. */
export class ReplayedFailureError extends DomainError {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    problems: FieldProblem[] | undefined,
  ) {
    super(message);
    this.problems = problems;
  }
}
