import { StoredAnswer } from './stored-answer';

/** A key as its owner sent it: keys are scoped to the shopper, so two shoppers may use the same one. */
export interface KeyScope {
  shopperId: string;
  key: string;
}

/** A used key's row: the request it was first used with and its answer (null while a claim of an older version is open). */
export interface KeyRecord {
  requestHash: string;
  answer: StoredAnswer | null;
  claimedAt: Date;
}

/** A claim of the key with the answer it keeps from then on. */
export interface KeyClaim extends KeyScope {
  requestHash: string;
  answer: StoredAnswer;
  ttlHours: number;
}

/** A claim by an earlier version of the service whose holder died before answering is taken over after this. */
const ABANDONED_CLAIM_SECONDS = 60;

/**
 * What a claim does to a key already there: nothing, unless an earlier version of the service left
 * it without an answer for a minute (its holder died), when the claim takes it over.
 */
export const CLAIM_CONFLICT = `
    ON CONFLICT (shopper_id, key) DO UPDATE SET
      request_hash = EXCLUDED.request_hash, order_id = EXCLUDED.order_id, reply = EXCLUDED.reply,
      created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
    WHERE idempotency_keys.reply IS NULL AND idempotency_keys.request_hash = EXCLUDED.request_hash
      AND idempotency_keys.created_at < EXCLUDED.created_at - make_interval(secs => ${ABANDONED_CLAIM_SECONDS})`;

/**
 * Claims the key with its answer, as the first part of a statement ($1 shopper, $2 key, $3 request
 * hash, $4 order id, $5 answer, $6 now, $7 hours to keep): `claim` has the key's order id when
 * this request claimed it, no row when a key already answered stays as it is. A claim an earlier
 * version of the service left without an answer for a minute (its holder died) is taken over.
 */
export const CLAIM_KEY = `
  WITH claim AS (
    INSERT INTO idempotency_keys (shopper_id, key, request_hash, order_id, reply, created_at, expires_at)
    VALUES ($1, $2, $3, $4, $5::json, $6, $6::timestamptz + make_interval(hours => $7))
    ${CLAIM_CONFLICT}
    RETURNING order_id
  )`;

/** `CLAIM_KEY`'s seven parameters: the claim, the order it places (null for a failure) and the moment. */
export function claimParams(claim: KeyClaim, orderId: string | null, at: Date): unknown[] {
  return [claim.shopperId, claim.key, claim.requestHash, orderId, JSON.stringify(claim.answer), at, claim.ttlHours];
}
