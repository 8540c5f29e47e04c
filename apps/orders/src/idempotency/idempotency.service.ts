import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Reply } from '@mogul/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { OrdersConfig } from '../config';
import { IdempotencyKeyInProgressError, IdempotencyKeyReusedError } from '../errors';

export type Claim = { kind: 'claimed'; orderId: string } | { kind: 'answered'; reply: Reply<unknown> };

/** How long a claim without an answer blocks others before it counts as abandoned (its holder died). */
const ABANDONED_AFTER_SECONDS = 60;
/** How long a request waits for a racing twin to answer before it is told to retry. */
const WAIT_FOR_ANSWER_MS = 20_000;
const POLL_MS = 25;
const PURGE_EVERY_MS = 60 * 60 * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Checkout idempotency keys, scoped to the shopper. A request first claims its key in a
 * transaction of its own (the primary key makes the claim unique); the winner does the work and
 * stores its answer with the final state change; a twin with the same request hash waits for
 * that answer and returns it; a different request with the key is a 422.
 */
@Injectable()
export class IdempotencyKeys implements OnModuleInit, OnModuleDestroy {
  private purger?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: OrdersConfig,
  ) {}

  onModuleInit(): void {
    this.purger = setInterval(() => void this.purgeExpired().catch(() => undefined), PURGE_EVERY_MS);
    this.purger.unref();
  }

  onModuleDestroy(): void {
    if (this.purger) clearInterval(this.purger);
  }

  async claim(shopperId: string, key: string, requestHash: string): Promise<Claim> {
    const deadline = Date.now() + WAIT_FOR_ANSWER_MS;
    for (;;) {
      // An expired key, or one whose holder died before answering, is claimed anew.
      // An abandoned claim keeps its order id: whatever its holder did at the provider was under that id.
      const claimed: { order_id: string }[] = await this.dataSource.query(
        `INSERT INTO idempotency_keys (shopper_id, key, request_hash, order_id, reply, created_at, expires_at)
         VALUES ($1, $2, $3, $6, NULL, now(), now() + make_interval(hours => $4))
         ON CONFLICT (shopper_id, key) DO UPDATE SET
           request_hash = EXCLUDED.request_hash, reply = NULL, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
           order_id = CASE WHEN idempotency_keys.expires_at < now() OR idempotency_keys.order_id IS NULL
                           THEN EXCLUDED.order_id ELSE idempotency_keys.order_id END
         WHERE idempotency_keys.expires_at < now()
            OR (idempotency_keys.reply IS NULL AND idempotency_keys.request_hash = EXCLUDED.request_hash
                AND idempotency_keys.created_at < now() - make_interval(secs => $5))
         RETURNING order_id`,
        [shopperId, key, requestHash, this.config.IDEMPOTENCY_KEY_TTL_HOURS, ABANDONED_AFTER_SECONDS, randomUUID()],
      );
      if (claimed.length > 0) return { kind: 'claimed', orderId: claimed[0].order_id };
      const rows: { request_hash: string; reply: Reply<unknown> | null }[] = await this.dataSource.query(
        `SELECT request_hash, reply FROM idempotency_keys WHERE shopper_id = $1 AND key = $2`,
        [shopperId, key],
      );
      if (rows.length === 0) continue;
      if (rows[0].request_hash !== requestHash) throw new IdempotencyKeyReusedError();
      if (rows[0].reply) return { kind: 'answered', reply: rows[0].reply };
      if (Date.now() > deadline) throw new IdempotencyKeyInProgressError();
      await sleep(POLL_MS);
    }
  }

  /** Stores the first answer; call it in the transaction of the change the answer reports. */
  async answer(manager: EntityManager, shopperId: string, key: string, reply: Reply<unknown>): Promise<void> {
    await manager.query(`UPDATE idempotency_keys SET reply = $3::jsonb WHERE shopper_id = $1 AND key = $2`, [
      shopperId,
      key,
      JSON.stringify(reply),
    ]);
  }

  /** Gives the key up after an unexpected failure, so that the client's retry does the work. */
  async release(shopperId: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE shopper_id = $1 AND key = $2 AND reply IS NULL`, [shopperId, key]);
  }

  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at < now()`);
  }
}
