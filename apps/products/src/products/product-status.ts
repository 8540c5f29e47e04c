import { ProductStatus } from '@mogul/contracts';
import { ProductStateConflictError } from '../errors';

/** What can happen to a design's status, and from which statuses. */
export const PRODUCT_TRANSITIONS = {
  /** First publication of a draft, or a withdrawn design put back by its creator (same slug). */
  publish: { from: ['draft', 'withdrawn'], to: 'published' },
  withdraw: { from: ['published'], to: 'withdrawn' },
  /** Moderation: only what the public can see is rejected; rejection is final. */
  reject: { from: ['published'], to: 'rejected' },
} as const satisfies Record<string, { from: readonly ProductStatus[]; to: ProductStatus }>;

export type ProductTransition = keyof typeof PRODUCT_TRANSITIONS;

/** The status after `transition`; throws `ProductStateConflictError` naming the current status. */
export function nextStatus(current: ProductStatus, transition: ProductTransition): ProductStatus {
  const rule = PRODUCT_TRANSITIONS[transition];
  if (!(rule.from as readonly ProductStatus[]).includes(current)) throw new ProductStateConflictError(current, transition);
  return rule.to;
}

/** Only drafts are edited: a published design's buyers and voters saw what it is. */
export function assertEditable(current: ProductStatus): void {
  if (current !== 'draft') throw new ProductStateConflictError(current, 'edit');
}

/** Votes and remixes are for what the public can see. */
export function assertPublished(current: ProductStatus, action: string): void {
  if (current !== 'published') throw new ProductStateConflictError(current, action);
}
