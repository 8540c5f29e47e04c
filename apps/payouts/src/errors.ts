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
