import { ListingStatus } from '@mogul/contracts';
import { DomainError, FieldProblem } from '@mogul/http';

/**
 * What can go wrong in the listings service, as types. Each says which problem it answers with
 * (its `code`); the message is the problem's `detail`, so it never tells more than the caller may
 * know.
 */

/** Unknown, or not visible to the caller: someone else's draft reads exactly like no listing. */
export class ListingNotFoundError extends DomainError {
  readonly code = 'not-found' as const;
  constructor(readonly listingId: string) {
    super('listing not found');
  }
}

export class NotAMerchantError extends DomainError {
  readonly code = 'forbidden' as const;
  constructor(readonly userId: string) {
    super('only a merchant can create listings');
  }
}

/** The listing breaks a rule that relates its fields (currencies, selection bounds, codes). */
export class ListingRulesError extends DomainError {
  readonly code = 'unprocessable' as const;
  constructor(override readonly problems: FieldProblem[]) {
    super(
      problems.length === 1 ? `the listing is not valid: ${problems[0].field} ${problems[0].message}` : 'the listing breaks several rules',
    );
  }
}

export class ListingRetiredError extends DomainError {
  readonly code = 'conflict' as const;
  constructor(readonly listingId: string) {
    super('a retired listing cannot be changed');
  }
}

/** A status change the state machine does not allow, such as pausing a draft. */
export class ListingTransitionError extends DomainError {
  readonly code = 'conflict' as const;
  constructor(
    readonly action: string,
    readonly status: ListingStatus,
  ) {
    super(`cannot ${action} a listing that is ${status}`);
  }
}

/** Someone changed the listing since the caller read it (optimistic concurrency). */
export class ListingVersionConflictError extends DomainError {
  readonly code = 'conflict' as const;
  constructor(
    readonly listingId: string,
    readonly expectedVersion: number,
    readonly actualVersion?: number,
  ) {
    super(
      actualVersion === undefined
        ? `the listing changed while this edit was made (expected version ${expectedVersion}); read it again and retry`
        : `the listing is at version ${actualVersion}, not ${expectedVersion}; read it again and retry`,
    );
  }
}

export class NoChangesError extends DomainError {
  readonly code = 'validation' as const;
  constructor() {
    super('request is invalid');
    this.problems = [{ field: 'body', message: 'name at least one field to change' }];
  }
}
