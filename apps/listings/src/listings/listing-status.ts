import { ListingStatus, StateMachine } from '@mogul/contracts';
import { ListingRetiredError, ListingTransitionError } from '../errors';

/**
 * A listing's life: draft → active ⇄ paused, and from any of them → retired, for good.
 *
 *   publish  draft  → active
 *   pause    active → paused
 *   resume   paused → active
 *   retire   draft | active | paused → retired
 *
 * Edits are allowed until the listing is retired.
 */
export const ListingLifecycle = new StateMachine<ListingStatus, 'publish' | 'pause' | 'resume' | 'retire'>(
  {
    publish: { from: ['draft'], to: 'active' },
    pause: { from: ['active'], to: 'paused' },
    resume: { from: ['paused'], to: 'active' },
    retire: { from: ['draft', 'active', 'paused'], to: 'retired' },
  },
  (status, transition) => new ListingTransitionError(transition, status),
);

export type ListingTransition = keyof typeof ListingLifecycle.transitions;

/** Throws `ListingRetiredError` for a retired listing, which no one may change any more. */
export function assertEditable(listingId: string, status: ListingStatus): void {
  if (status === 'retired') throw new ListingRetiredError(listingId);
}

/** Active and paused listings are public: anyone may read them and other services know them. */
export function isPublic(status: ListingStatus): boolean {
  return status === 'active' || status === 'paused';
}
