import { FLAG_REASONS, FlagLimits, FlagReason, FlagSummary, flagTextProblem } from '@mogul/contracts';
import { FlagTextError } from '../errors';

/**
 * A flag's text as stored: trimmed, and null when there is none. `other` says nothing by itself,
 * so it needs a text; the other reasons may carry one (`flagTextProblem`).
 */
export function flagText(reason: FlagReason, text: string | undefined | null): string | null {
  const problem = flagTextProblem(reason, text);
  if (problem) throw new FlagTextError(problem);
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/** What was said in an open flag, never by whom. */
export interface FlagText {
  reason: FlagReason;
  text: string;
}

/**
 * The open flags of a design: counts per reason (every reason present, 0 when none) and their
 * texts in the order given (newest first), at most `FlagLimits.textsShownMax` of them.
 */
export function summarizeFlags(counts: Partial<Record<FlagReason, number>>, texts: FlagText[], hidden: boolean): FlagSummary {
  const byReason = Object.fromEntries(FLAG_REASONS.map((reason) => [reason, counts[reason] ?? 0])) as Record<FlagReason, number>;
  const open = FLAG_REASONS.reduce((sum, reason) => sum + byReason[reason], 0);
  return { open, byReason, texts: texts.slice(0, FlagLimits.textsShownMax), hidden };
}
