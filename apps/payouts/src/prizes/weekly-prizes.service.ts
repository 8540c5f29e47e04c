import { Injectable } from '@nestjs/common';
import { LeaderboardPrize, Money, PrizeLimits, PrizePeriod, WeeklyPrizeSettings, WeeklyPrizeView } from '@mogul/contracts';
import { Actor } from '@mogul/http';
import { DataSource } from 'typeorm';
import { Queryable } from '../ledger/invariants';
import { NotAllowedError } from '../errors';
import { periodEarnings } from './period-earnings';
import { PrizeNotConfiguredError } from './prize-errors';
import { rankForPrize } from './prize-winner';
import { periodStartingAt, PrizeWeek, weekStartOf } from './prize-week';

/** The prize as set now. */
export interface PrizeSettings {
  amount: number;
  currency: string;
  timeZone: string;
  /** Where the first period began: the start of the week the prize was first set in. */
  startsAt: Date;
  updatedAt: Date;
}

const SETTINGS = `SELECT amount::text AS amount, currency, time_zone, starts_at, updated_at FROM prize_settings WHERE id = 'weekly'`;

export async function readPrizeSettings(db: Queryable): Promise<PrizeSettings | undefined> {
  const [row] = (await db.query(SETTINGS)) as
    { amount: string; currency: string; time_zone: string; starts_at: Date; updated_at: Date }[] | [];
  return row
    ? { amount: Number(row.amount), currency: row.currency, timeZone: row.time_zone, startsAt: row.starts_at, updatedAt: row.updated_at }
    : undefined;
}

/** The first period not closed yet: it starts where the last closed one ended, or where the prize began. */
export async function nextPrizePeriod(db: Queryable, settings: PrizeSettings): Promise<PrizeWeek> {
  const [last] = (await db.query(`SELECT max(period_end) AS period_end FROM prize_periods`)) as { period_end: Date | null }[];
  return periodStartingAt(last?.period_end ?? settings.startsAt, settings.timeZone);
}

/** The period under way at `now`: the next one to close, or (while closing lags behind) those after it. */
function periodAt(first: PrizeWeek, zone: string, now: Date): PrizeWeek {
  let period = first;
  while (period.end.getTime() <= now.getTime()) period = periodStartingAt(period.end, zone);
  return period;
}

const asPeriod = (week: PrizeWeek): PrizePeriod => ({ from: week.start.toISOString(), to: week.end.toISOString() });

/**
 * The weekly prize: operators set it; the leaderboard shows the week's standing and past winners.
 * Closing weeks is `WeeklyPrizeClosingJob`'s.
 */
@Injectable()
export class WeeklyPrizesService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Sets the prize. A change applies to every period not closed yet, the one under way included;
   * the first setting starts the first period at the Monday 00:00 (in its zone) of the current week.
   */
  async configure(actor: Actor, settings: WeeklyPrizeSettings, now: Date = new Date()): Promise<WeeklyPrizeView> {
    const operatorId = operatorOf(actor);
    await this.dataSource.query(
      `INSERT INTO prize_settings (id, amount, currency, time_zone, starts_at, updated_by, updated_at)
       VALUES ('weekly', $1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, time_zone = EXCLUDED.time_zone,
                                      updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [settings.amount.amount, settings.amount.currency, settings.timeZone, weekStartOf(now, settings.timeZone), operatorId, now],
    );
    return this.settings(actor);
  }

  async settings(actor: Actor): Promise<WeeklyPrizeView> {
    operatorOf(actor);
    const settings = await readPrizeSettings(this.dataSource);
    if (!settings) throw new PrizeNotConfiguredError();
    return {
      amount: { amount: settings.amount, currency: settings.currency },
      timeZone: settings.timeZone,
      updatedAt: settings.updatedAt.toISOString(),
      nextPeriod: asPeriod(await nextPrizePeriod(this.dataSource, settings)),
    };
  }

  /** The current period's top `limit` creators (none when no prize is set) and the last winners, with their names now. */
  async onLeaderboard(limit: number, now: Date = new Date()): Promise<LeaderboardPrize> {
    const [weeklyPrize, pastWinners] = await Promise.all([this.standing(limit, now), this.pastWinners()]);
    return { weeklyPrize, pastWinners };
  }

  private async standing(limit: number, now: Date): Promise<LeaderboardPrize['weeklyPrize']> {
    const settings = await readPrizeSettings(this.dataSource);
    if (!settings) return null;
    const period = periodAt(await nextPrizePeriod(this.dataSource, settings), settings.timeZone, now);
    const ranked = rankForPrize(await periodEarnings(this.dataSource, settings.currency, period, limit));
    const names = await this.names(ranked.map((r) => r.creatorId));
    const money = (amount: number): Money => ({ amount, currency: settings.currency });
    return {
      prize: money(settings.amount),
      timeZone: settings.timeZone,
      period: asPeriod(period),
      standing: ranked.map((r, index) => ({
        rank: index + 1,
        creatorId: r.creatorId,
        creatorName: names.get(r.creatorId) ?? null,
        earned: money(r.net),
      })),
    };
  }

  private async pastWinners(): Promise<LeaderboardPrize['pastWinners']> {
    const rows: {
      period_start: Date;
      period_end: Date;
      winner_id: string;
      display_name: string | null;
      currency: string;
      amount: string;
      winner_earned: string;
    }[] = await this.dataSource.query(
      `SELECT p.period_start, p.period_end, p.winner_id, u.display_name, p.currency, p.amount::text, p.winner_earned::text
       FROM prize_periods p LEFT JOIN user_names u ON u.user_id = p.winner_id
       WHERE p.winner_id IS NOT NULL ORDER BY p.period_start DESC LIMIT $1`,
      [PrizeLimits.pastWinnersShown],
    );
    return rows.map((r) => ({
      period: asPeriod({ start: r.period_start, end: r.period_end }),
      creatorId: r.winner_id,
      creatorName: r.display_name,
      prize: { amount: Number(r.amount), currency: r.currency },
      earned: { amount: Number(r.winner_earned), currency: r.currency },
    }));
  }

  private async names(creatorIds: string[]): Promise<Map<string, string>> {
    if (creatorIds.length === 0) return new Map();
    const rows: { user_id: string; display_name: string }[] = await this.dataSource.query(
      `SELECT user_id, display_name FROM user_names WHERE user_id = ANY($1::uuid[])`,
      [creatorIds],
    );
    return new Map(rows.map((r) => [r.user_id, r.display_name]));
  }
}

function operatorOf(actor: Actor): string {
  if (!actor.roles.includes('operator')) throw new NotAllowedError('only an operator sets the weekly prize');
  return actor.userId.toLowerCase();
}
