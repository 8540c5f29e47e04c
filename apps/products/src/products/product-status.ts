import { ProductStatus, StateMachine } from '@mogul/contracts';
import { ProductStateConflictError } from '../errors';

/** What can happen to a design's status, and from which statuses; a refusal names the current status. */
export const ProductLifecycle = new StateMachine<ProductStatus, 'publish' | 'withdraw' | 'reject'>(
  {
    /** First publication of a draft, or a withdrawn design put back by its creator (same slug). */
    publish: { from: ['draft', 'withdrawn'], to: 'published' },
    withdraw: { from: ['published'], to: 'withdrawn' },
    /** Moderation: only what the public can see is rejected; rejection is final. */
    reject: { from: ['published'], to: 'rejected' },
  },
  (status, action) => new ProductStateConflictError(status, action),
);

export type ProductTransition = keyof typeof ProductLifecycle.transitions;

/** Only drafts are edited: a published design's buyers and voters saw what it is. */
export function assertEditable(current: ProductStatus): void {
  if (current !== 'draft') throw new ProductStateConflictError(current, 'edit');
}

/** Votes and remixes are for what the public can see. */
export function assertPublished(current: ProductStatus, action: string): void {
  if (current !== 'published') throw new ProductStateConflictError(current, action);
}
