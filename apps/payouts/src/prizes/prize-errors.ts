import { DomainError } from '@mogul/http';

/** No weekly prize was ever set: there is nothing to show or close. */
export class PrizeNotConfiguredError extends DomainError {
  readonly code = 'not-found' as const;
  constructor() {
    super('no weekly prize is configured');
  }
}
