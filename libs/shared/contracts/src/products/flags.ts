import { ProductStateV1 } from './events';
import { ProductView } from './messages';

/**
 * Why someone reports a design: `other` needs a few words of its own (`text`), the rest may carry
 * them. Who reported a design is never shown to its creator nor carried on events.
 */
export const FLAG_REASONS = ['offensive', 'copyright', 'spam', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** open until an operator decides: dismissed (the design shows again) or upheld (the design was rejected). */
export const FLAG_STATUSES = ['open', 'dismissed', 'upheld'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export const FlagLimits = {
  textMaxLength: 500,
  /** Texts of open flags shown per design, newest first; the counts always cover every open flag. */
  textsShownMax: 50,
} as const;

/**
 * What is wrong with a flag's text for its reason, or undefined when nothing is: the gateway, the
 * products service and the web app all ask this, so they agree. The text is judged trimmed.
 */
export function flagTextProblem(reason: unknown, text: unknown): string | undefined {
  if (text !== undefined && text !== null && typeof text !== 'string') return 'text must be a string';
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed.length > FlagLimits.textMaxLength) return `text must be at most ${FlagLimits.textMaxLength} characters`;
  if (trimmed === '' && reason === 'other') return 'text is required when the reason is other';
  return undefined;
}

/** Report a published design; the first report of a user is the one that stands. */
export interface FlagProductRequest {
  reason: FlagReason;
  /** Required for `other`, optional otherwise; trimmed, at most `FlagLimits.textMaxLength` characters. */
  text?: string;
}

/** The caller's own report of a design, as first made (reporting again answers the same). */
export interface FlagView {
  productId: string;
  reason: FlagReason;
  text: string | null;
  status: FlagStatus;
  flaggedAt: string;
}

/** The open flags of a design, without who made them. */
export interface FlagSummary {
  /** Open flags in all. */
  open: number;
  /** Open flags per reason; every reason is present, with 0 when none. */
  byReason: Record<FlagReason, number>;
  /** The free-text reasons of open flags, newest first (at most `FlagLimits.textsShownMax`). */
  texts: { reason: FlagReason; text: string }[];
  /** True while the design is hidden from the public, awaiting an operator's decision. */
  hidden: boolean;
}

/** A design in the moderation queue with its open flags. */
export interface ModerationQueueItem {
  product: ProductView;
  flags: FlagSummary;
}

/** Designs with open flags, most flagged first (ties by id), cursor-paginated. */
export interface ModerationQueueRequest {
  limit?: number;
  cursor?: string;
}

export interface ModerationQueuePage {
  items: ModerationQueueItem[];
  nextCursor: string | null;
}

/** The payload of `products.product.flagged` v1: the design's state and the new flag's reason (never who flagged). */
export interface ProductFlaggedV1 extends ProductStateV1 {
  flag: { reason: FlagReason };
}

/** How an operator resolved a design's open flags: dismissed them, or upheld them by rejecting the design. */
export type FlagResolution = 'dismissed' | 'upheld';

/** The payload of `products.product.flags-resolved` v1: the design's state after the decision. */
export interface ProductFlagsResolvedV1 extends ProductStateV1 {
  resolution: FlagResolution;
  /** How many open flags the decision closed. */
  flagsClosed: number;
}
