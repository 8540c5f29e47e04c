import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PayoutsConfig } from '../config';
import { Ledger } from '../ledger/ledger';
import { Moves, Posting } from '../ledger/posting';
import { periodEarnings } from './period-earnings';
import { prizeWinner } from './prize-winner';
import { nextPrizePeriod, readPrizeSettings } from './weekly-prizes.service';

/** Enough of the top to see every tie for first place that the ranking breaks by sequence (the SQL already orders them). */
const TOP_READ = 10;

export interface ClosedPrizePeriod {
  start: Date;
  end: Date;
  currency: string;
  /** The winner and their award, or undefined when nobody earned more than nothing. */
  winner?: { creatorId: string; earned: number; prize: number; key: string };
}

/** The award's business key: one per period and currency, so the period can only ever be paid once. */
export const prizeKey = (periodStart: Date, currency: string) => `prize:${periodStart.toISOString()}:${currency}`;

/**
 * Closes every prize period that has ended and awards its winner, one period per transaction.
 * Safe to run twice and on every replica at once: each closing holds the ledger's write lock
 * while it reads which period is next and what was earned in it (so every posting of the period
 * has committed, and a second closer sees the first's row), the period's row is unique, and the
 * award posts under the business key `prize:<period start>:<currency>`.
 */
@Injectable()
export class WeeklyPrizeClosingJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WeeklyPrizeClosingJob.name);
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: Ledger,
    private readonly config: PayoutsConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.PRIZE_CLOSE_INTERVAL_MS > 0) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight?.catch(() => undefined);
  }

  /** Closes the periods that ended at or before `now`, oldest first; returns those this call closed. */
  async closeEnded(now: Date = new Date()): Promise<ClosedPrizePeriod[]> {
    const closed: ClosedPrizePeriod[] = [];
    for (;;) {
      const period = await this.dataSource.transaction((manager) => this.closeNext(manager, now));
      if (!period) return closed;
      closed.push(period);
    }
  }

  private async closeNext(manager: EntityManager, now: Date): Promise<ClosedPrizePeriod | undefined> {
    await this.ledger.lock(manager);
    const settings = await readPrizeSettings(manager);
    if (!settings) return undefined;
    const period = await nextPrizePeriod(manager, settings);
    if (period.end.getTime() > now.getTime()) return undefined;
    const winner = prizeWinner(await periodEarnings(manager, settings.currency, period, TOP_READ));
    const key = winner ? prizeKey(period.start, settings.currency) : null;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO prize_periods (period_start, period_end, currency, time_zone, amount, winner_id, winner_earned, business_key, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, clock_timestamp())
       ON CONFLICT DO NOTHING RETURNING period_start`,
      [
        period.start,
        period.end,
        settings.currency,
        settings.timeZone,
        settings.amount,
        winner?.creatorId ?? null,
        winner?.net ?? null,
        key,
      ],
    );
    // Under the lock the next period cannot have been closed by anyone else; should it have been, this closes nothing.
    if (inserted.length === 0) return undefined;
    const closed: ClosedPrizePeriod = { start: period.start, end: period.end, currency: settings.currency };
    if (winner && key) {
      const award: Posting = {
        key,
        kind: 'prize',
        currency: settings.currency,
        creatorId: winner.creatorId,
        amount: settings.amount,
        legs: Moves.awardPrize(winner.creatorId, settings.currency, settings.amount),
      };
      await this.ledger.post(manager, [award]);
      closed.winner = { creatorId: winner.creatorId, earned: winner.net, prize: settings.amount, key };
    }
    return closed;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.closeEnded()
        .then((periods) => {
          for (const p of periods)
            this.logger.log({ period: p.start.toISOString(), winner: p.winner?.creatorId ?? null }, 'prize period closed');
        })
        .catch((error: unknown) => this.logger.error({ err: error }, 'closing prize periods failed; trying again at the next interval'))
        .finally(() => this.schedule());
    }, this.config.PRIZE_CLOSE_INTERVAL_MS);
    this.timer.unref();
  }
}
