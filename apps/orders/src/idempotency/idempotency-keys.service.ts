import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLAIM_KEY, claimParams, KeyClaim, KeyRecord, KeyScope } from './key-claim';
import { StoredAnswer } from './stored-answer';

const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * The shoppers' idempotency keys on their own: a key's row as it is now, a claim with nothing
 * else to write, and the purge of keys past their time to be kept. A use case's own read and
 * write take the key along in their statements (see `IdempotentCommands`).
 */
@Injectable()
export class IdempotencyKeys implements OnModuleInit, OnModuleDestroy {
  private purger?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.purger = setInterval(() => void this.purgeExpired().catch(() => undefined), PURGE_EVERY_MS);
    this.purger.unref();
  }

  onModuleDestroy(): void {
    if (this.purger) clearInterval(this.purger);
  }

  /** The key's row as it is now (after another request claimed it first), if there is one. */
  async find(scope: KeyScope): Promise<KeyRecord | undefined> {
    const rows: { request_hash: string; reply: StoredAnswer | null; created_at: Date }[] = await this.dataSource.query(
      `SELECT request_hash, reply, created_at FROM idempotency_keys WHERE shopper_id = $1 AND key = $2`,
      [scope.shopperId, scope.key],
    );
    return rows[0] && { requestHash: rows[0].request_hash, answer: rows[0].reply, claimedAt: rows[0].created_at };
  }

  /** Claims the key with an answer and nothing else (a business failure); false when another request answered it first. */
  async claim(claim: KeyClaim): Promise<boolean> {
    const claimed: unknown[] = await this.dataSource.query(`${CLAIM_KEY} SELECT 1 FROM claim`, claimParams(claim, null, new Date()));
    return claimed.length > 0;
  }

  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at < now()`);
  }
}
