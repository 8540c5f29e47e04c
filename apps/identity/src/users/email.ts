/**
 * The one form an email is stored and looked up in: trimmed, Unicode-normalised, lower-case.
 * Registration and login both go through here, so `Ann@Example.com ` finds `ann@example.com`.
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}

/** Whether `candidate` names the same account as `configured` once both are normalised. */
export function sameEmail(candidate: string, configured: string | undefined): boolean {
  return configured !== undefined && normaliseEmail(candidate) === normaliseEmail(configured);
}
