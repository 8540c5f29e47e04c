import { Injectable } from '@nestjs/common';
import { LeaderboardRequest, LeaderboardView, PayoutLimits } from '@mogul/contracts';
import { DataSource } from 'typeorm';
import { WeeklyPrizesService } from '../prizes/weekly-prizes.service';
import { periodOf } from './months';

/**
 * Top creators by net royalty earned in the period (accrued − reversed, per currency, from the
 * daily totals) and top designs by paid order lines not refunded, paid in the period (but none
 * that its reports hide or an operator rejected), each with
 * the creator's display name from the users projection (null until their registration is heard of);
 * and the weekly prize's standing and past winners, whatever the period.
 */
@Injectable()
export class LeaderboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly prizes: WeeklyPrizesService,
  ) {}

  async leaderboard(request: LeaderboardRequest, now: Date = new Date()): Promise<LeaderboardView> {
    const periodName = request.period ?? '28d';
    const limit = request.limit ?? PayoutLimits.leaderboardSizeDefault;
    const period = periodOf(periodName, now);
    const creators: { creator_id: string; creator_name: string | null; currency: string; earned: string }[] = await this.dataSource.query(
      `SELECT t.creator_id, u.display_name AS creator_name, t.currency, t.earned
       FROM (SELECT creator_id, currency, sum(accrued - reversed) AS earned FROM creator_daily_totals
             WHERE day >= $1 AND day < $2
             GROUP BY creator_id, currency HAVING sum(accrued - reversed) > 0
             ORDER BY earned DESC, creator_id, currency LIMIT $3) t
       LEFT JOIN user_names u ON u.user_id = t.creator_id
       ORDER BY t.earned DESC, t.creator_id, t.currency`,
      [period.fromDay, period.toDay, limit],
    );
    const orders: { creator_id: string; currency: string; orders: number }[] = creators.length
      ? await this.dataSource.query(
          `SELECT creator_id, currency, count(DISTINCT order_id)::int AS orders FROM accruals
           WHERE creator_id = ANY($1::uuid[]) AND accrued_at >= $2 AND accrued_at < $3 AND status <> 'reversed'
           GROUP BY creator_id, currency`,
          [creators.map((c) => c.creator_id), period.from, period.to],
        )
      : [];
    const designs: {
      product_id: string;
      creator_id: string;
      name: string | null;
      creator_name: string | null;
      orders: number;
      units: number;
    }[] = await this.dataSource.query(
      `SELECT l.product_id, l.creator_id, p.name, u.display_name AS creator_name, l.orders, l.units
         FROM (SELECT product_id, min(creator_id::text)::uuid AS creator_id, count(*)::int AS orders, sum(quantity)::int AS units
               FROM order_lines WHERE paid_at >= $1 AND paid_at < $2 AND refunded_at IS NULL
               GROUP BY product_id) l
         LEFT JOIN products p ON p.id = l.product_id
         LEFT JOIN user_names u ON u.user_id = l.creator_id
         WHERE p.on_show IS NOT FALSE
         ORDER BY l.orders DESC, l.units DESC, l.product_id LIMIT $3`,
      [period.from, period.to, limit],
    );
    const prize = await this.prizes.onLeaderboard(limit, now);
    return {
      ...prize,
      period: periodName,
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      creators: creators.map((c, index) => ({
        rank: index + 1,
        creatorId: c.creator_id,
        creatorName: c.creator_name,
        earned: { amount: Number(c.earned), currency: c.currency },
        ordersCount: orders.find((o) => o.creator_id === c.creator_id && o.currency === c.currency)?.orders ?? 0,
      })),
      designs: designs.map((d, index) => ({
        rank: index + 1,
        productId: d.product_id,
        productName: d.name,
        creatorId: d.creator_id,
        creatorName: d.creator_name,
        orders: d.orders,
        units: d.units,
      })),
    };
  }
}
