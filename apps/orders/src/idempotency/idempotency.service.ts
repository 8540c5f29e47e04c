import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * Checkout idempotency keys, scoped to the shopper, are written with their first answer by the
 * checkout itself (see `CheckoutStore`); this purges the keys past their time to be kept.
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

  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at < now()`);
  }
}
