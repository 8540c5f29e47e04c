import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PayoutsConfig } from '../config';
import { Ledger, postingTime } from '../ledger/ledger';
import { CharityDonations } from '../giving/charity-donations';
import { ACCRUAL_COLUMNS, accrualFromRow, accrualPostings, AccrualRow } from './accrual';

/**
 * Moves pending royalties to available once their line was fulfilled and the hold period has
 * passed. Set-based, a batch per transaction; safe to run twice and in parallel: due rows are
 * claimed with SKIP LOCKED, and each release posts under the key `release:<accrualId>`. The
 * charities' parts of accruals are released on the same rule (`release:<donationId>`).
 */
@Injectable()
export class RoyaltyReleaseJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RoyaltyReleaseJob.name);
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<unknown>;
  private stopped = false;
  private readonly donations: CharityDonations;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: Ledger,
    private readonly config: PayoutsConfig,
  ) {
    this.donations = new CharityDonations(ledger);
  }

  onApplicationBootstrap(): void {
    if (this.config.RELEASE_INTERVAL_MS > 0) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight?.catch(() => undefined);
  }

  /** Releases every accrual and donation due at `now` (fulfilled at or before now − hold); returns how many. */
  async releaseDue(now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.HOLD_PERIOD_SECONDS * 1000);
    const batchSize = this.config.RELEASE_BATCH_SIZE;
    let total = 0;
    for (;;) {
      const released = await this.dataSource.transaction(async (manager) => {
        await this.ledger.lock(manager);
        const rows: AccrualRow[] = await manager.query(
          `SELECT ${ACCRUAL_COLUMNS} FROM accruals
           WHERE status = 'pending' AND fulfilled_at <= $1
           ORDER BY fulfilled_at, id LIMIT $2
           FOR UPDATE SKIP LOCKED`,
          [cutoff, batchSize],
        );
        if (rows.length === 0) return 0;
        const due = rows.map(accrualFromRow);
        const posted = await this.ledger.post(manager, due.flatMap(accrualPostings.release));
        // A release already in the ledger (it cannot be, with the status kept in step) still marks its accrual.
        const at = postingTime(posted) ?? new Date();
        await manager.query(`UPDATE accruals SET status = 'available', released_at = $2 WHERE id = ANY($1::uuid[])`, [
          due.map((a) => a.id),
          at,
        ]);
        return rows.length;
      });
      total += released;
      if (released < batchSize) break;
    }
    for (;;) {
      const released = await this.dataSource.transaction((manager) => this.donations.releaseDue(manager, cutoff, batchSize));
      total += released;
      if (released < batchSize) return total;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.releaseDue()
        .then((count) => {
          if (count > 0) this.logger.log({ count }, 'royalties released');
        })
        .catch((error: unknown) => this.logger.error({ err: error }, 'releasing royalties failed; trying again at the next interval'))
        .finally(() => this.schedule());
    }, this.config.RELEASE_INTERVAL_MS);
    this.timer.unref();
  }
}
