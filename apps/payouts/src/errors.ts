import { DomainError } from '@mogul/http';

/**
 * What can go wrong in payouts, as types. Each says its code; the internal API's problem filter
 * (from `@mogul/http`) answers it as a problem document, which the gateway passes on.
 */

/** The caller lacks the role: earnings and statements are creators', payout runs operators'. */
export class NotAllowedError extends DomainError {
  readonly code = 'forbidden' as const;
  constructor(message: string) {
    super(message);
  }
}

export class PayoutRunNotFoundError extends DomainError {
  readonly code = 'not-found' as const;
  constructor(readonly runId: string) {
    super(`payout run ${runId} not found`);
  }
}

export class CharityNotFoundError extends DomainError {
  readonly code = 'not-found' as const;
  constructor(readonly charityId: string) {
    super(`charity ${charityId} not found`);
  }
}

/** Two charities may not share a name (letter case aside): creators choose them by it. */
export class CharityNameTakenError extends DomainError {
  readonly code = 'conflict' as const;
  constructor(name: string) {
    super(`a charity named "${name}" exists already`);
    this.problems = [{ field: 'name', message: 'another charity has this name' }];
  }
}

/** Giving names a charity that does not exist or is not active. */
export class CharityNotChoosableError extends DomainError {
  readonly code = 'unprocessable' as const;
  constructor(charityId: string, why: 'inactive' | 'unknown') {
    super(why === 'inactive' ? `charity ${charityId} is not active` : `charity ${charityId} does not exist`);
    this.problems = [{ field: 'charityId', message: why === 'inactive' ? 'the charity is not active' : 'no such charity' }];
  }
}
