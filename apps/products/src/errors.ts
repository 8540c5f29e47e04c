import { ProductStatus } from '@mogul/contracts';
import { DomainError, FieldProblem } from '@mogul/http';

/**
 * What can go wrong in products, as types. Each says its code; the internal API's problem filter
 * (`@mogul/http`) answers it with that code's HTTP status, which the gateway passes on.
 */

/** No such design, or one the caller may not see (another creator's draft reads the same). */
export class ProductNotFoundError extends DomainError {
  readonly code = 'not-found' as const;
  constructor(readonly ref: string) {
    super(`product ${ref} not found`);
  }
}

/** The design breaks its listing's rules: each problem names the field (`selections.toppings`, …). */
export class DesignRejectedError extends DomainError {
  readonly code = 'unprocessable' as const;
  constructor(override readonly problems: FieldProblem[]) {
    super(
      problems.length === 1
        ? `the design does not fit the listing: ${problems[0].field}: ${problems[0].message}`
        : 'the design does not fit the listing',
    );
  }
}

/** Designs are made and published only on listings that are active (as products last heard). */
export class ListingNotAvailableError extends DomainError {
  readonly code = 'unprocessable' as const;
  override readonly problems: FieldProblem[];
  constructor(
    readonly listingId: string,
    status: string | undefined,
  ) {
    const why = status === undefined ? 'does not exist' : `is ${status}, not active`;
    super(`listing ${listingId} ${why}`);
    this.problems = [{ field: 'listingId', message: `the listing ${why}` }];
  }
}

/** The design is not in a state that allows this; the message says which state it is in. */
export class ProductStateConflictError extends DomainError {
  readonly code = 'conflict' as const;
  constructor(
    readonly status: ProductStatus,
    action: string,
  ) {
    super(`cannot ${action} a ${status} design`);
  }
}

/** The design is visible to the caller but theirs to change it is not. */
export class NotTheCreatorError extends DomainError {
  readonly code = 'forbidden' as const;
  constructor(action: string) {
    super(`only the design's creator can ${action} it`);
  }
}

/** Creators cannot lift their own designs in the rankings. */
export class OwnDesignVoteError extends DomainError {
  readonly code = 'forbidden' as const;
  constructor() {
    super('you cannot vote for your own design');
  }
}

/** Creators cannot report their own designs. */
export class OwnDesignFlagError extends DomainError {
  readonly code = 'forbidden' as const;
  constructor() {
    super('you cannot flag your own design');
  }
}

/** A flag's text is missing where its reason needs one, or too long: a 400 naming `text`. */
export class FlagTextError extends DomainError {
  readonly code = 'validation' as const;
  override readonly problems: FieldProblem[];
  constructor(message: string) {
    super(`text: ${message}`);
    this.problems = [{ field: 'text', message }];
  }
}

/** Only a design with open flags has flags to dismiss. */
export class NoOpenFlagsError extends DomainError {
  readonly code = 'conflict' as const;
  constructor(productId: string) {
    super(`product ${productId} has no open flags`);
  }
}
