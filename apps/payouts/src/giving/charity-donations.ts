import { AccrualKind } from '@mogul/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { preparedQuery } from '@mogul/persistence';
import { Ledger, postingTime } from '../ledger/ledger';
import { PayeeMoves } from '../ledger/payees';
import { Posting } from '../ledger/posting';
import { Accrual } from '../royalties/accrual';
import { GivingTerms, splitDonation } from './donation-split';

type Held = 'pending' | 'available';

/** A donation planned beside its accrual, not recorded yet. */
export type PlannedDonation = Donation & { fulfilledAt: Date | null };

/** A charity's part of one creator accrual: held, released and reversed beside it. */
export interface Donation {
  id: string;
  accrualId: string;
  lineId: string;
  /** The share of the line it was given from: the creator's royalty or a remix parent's share. */
  kind: AccrualKind;
  orderId: string;
  productId: string;
  /** The creator who gave it. */
  creatorId: string;
  charityId: string;
  currency: string;
  amount: number;
  percent: number;
  quantity: number;
}

interface DonationRow {
  id: string;
  accrual_id: string;
  line_id: string;
  kind: AccrualKind;
  order_id: string;
  product_id: string;
  creator_id: string;
  charity_id: string;
  currency: string;
  amount: string;
  percent: number;
  quantity: number;
  status: Held | 'reversed';
}

const DONATION_COLUMNS =
  'id, accrual_id, line_id, kind, order_id, product_id, creator_id, charity_id, currency, amount, percent, quantity, status';

const donationFromRow = (row: DonationRow): Donation & { status: DonationRow['status'] } => ({
  id: row.id,
  accrualId: row.accrual_id,
  lineId: row.line_id,
  kind: row.kind,
  orderId: row.order_id,
  productId: row.product_id,
  creatorId: row.creator_id,
  charityId: row.charity_id,
  currency: row.currency,
  amount: Number(row.amount),
  percent: row.percent,
  quantity: row.quantity,
  status: row.status,
});

const references = (d: Donation) => ({
  currency: d.currency,
  amount: d.amount,
  orderId: d.orderId,
  lineId: d.lineId,
  productId: d.productId,
  quantity: d.quantity,
  accrualId: d.id,
});

/**
 * A donation's ledger transactions, each once under its business key. `donation` and
 * `donation_reversal` name the creator (they move the creator's money too); a release names the
 * charity, whose accounts alone it moves.
 */
export const donationPostings = {
  /** Keyed like its accrual, by the line's share: a payment heard of again gives nothing again. */
  give: (d: Donation): Posting => ({
    key: `donation:${d.orderId}:${d.lineId}:${d.kind}`,
    kind: 'donation',
    creatorId: d.creatorId,
    ...references(d),
    legs: PayeeMoves.donate(d.creatorId, d.charityId, d.currency, d.amount),
  }),
  release: (d: Donation): Posting => ({
    key: `release:${d.id}`,
    kind: 'release',
    creatorId: d.charityId,
    ...references(d),
    legs: PayeeMoves.releaseToCharity(d.charityId, d.currency, d.amount),
  }),
  /** Gives the part back from where the charity holds it to where the creator holds their accrual. */
  giveBack: (d: Donation, from: Held, to: Held): Posting => ({
    key: `donation-reversal:${d.id}`,
    kind: 'donation_reversal',
    creatorId: d.creatorId,
    ...references(d),
    legs: PayeeMoves.returnDonation(d, from, to),
  }),
};

/**
 * The setting in force for each (creator, moment): the latest of the creator's settings that took
 * effect at or before it. Settings are never changed or removed, so a replay finds the same ones.
 */
const SETTINGS_IN_FORCE = `
  SELECT i.n::int AS n, g.charity_id, g.percent
  FROM unnest($1::uuid[], $2::timestamptz[]) WITH ORDINALITY AS i(creator_id, at, n)
  JOIN LATERAL (
    SELECT s.charity_id, s.percent FROM giving_settings s
    WHERE s.creator_id = i.creator_id AND s.effective_at <= i.at
    ORDER BY s.effective_at DESC LIMIT 1
  ) g ON g.charity_id IS NOT NULL`;

/**
 * Creators' gifts to charity, inside the ledger writers' transactions (the ledger's write lock
 * held): the charity's part of each accrual is split off when it accrues, by the setting in force
 * when its line was paid, held, released and reversed beside the accrual.
 */
export class CharityDonations {
  constructor(private readonly ledger: Ledger) {}

  /**
   * The charities' parts of accruals about to be posted (each with the time its line was paid), by
   * the setting in force then; the caller posts each beside its accrual (`donationPostings.give`)
   * and records those posted with `record`.
   */
  async plan(manager: EntityManager, accruals: (Accrual & { paidAt: Date; fulfilledAt: Date | null })[]): Promise<PlannedDonation[]> {
    if (accruals.length === 0) return [];
    const settings = await preparedQuery<{ n: number; charity_id: string; percent: number }>(
      manager,
      'giving.settings-in-force',
      SETTINGS_IN_FORCE,
      [accruals.map((a) => a.creatorId), accruals.map((a) => a.paidAt)],
    );
    const terms = new Map<number, GivingTerms>(settings.map((s) => [s.n - 1, { charityId: s.charity_id, percent: s.percent }]));
    return accruals.flatMap((a, index): PlannedDonation[] => {
      const given = terms.get(index);
      const { charityPart } = splitDonation(a.amount, given);
      if (!given || charityPart === 0) return [];
      return [
        {
          id: randomUUID(),
          accrualId: a.id,
          lineId: a.lineId,
          kind: a.kind,
          orderId: a.orderId,
          productId: a.productId,
          creatorId: a.creatorId,
          charityId: given.charityId,
          currency: a.currency,
          amount: charityPart,
          percent: given.percent,
          quantity: a.quantity,
          fulfilledAt: a.fulfilledAt,
        },
      ];
    });
  }

  /** Records the donations the ledger just posted (at `at`, with their accruals); returns the part given of each accrual, by accrual id. */
  async record(manager: EntityManager, given: PlannedDonation[], at: Date): Promise<Map<string, number>> {
    if (given.length === 0) return new Map();
    await manager.query(
      `INSERT INTO donations (id, accrual_id, line_id, kind, order_id, product_id, creator_id, charity_id, currency, amount, percent, quantity,
                              fulfilled_at, status, accrued_at)
       SELECT d.*, 'pending', $14::timestamptz
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::uuid[], $7::uuid[], $8::uuid[], $9::text[], $10::bigint[],
                   $11::int[], $12::int[], $13::timestamptz[]) AS d`,
      [
        given.map((d) => d.id),
        given.map((d) => d.accrualId),
        given.map((d) => d.lineId),
        given.map((d) => d.kind),
        given.map((d) => d.orderId),
        given.map((d) => d.productId),
        given.map((d) => d.creatorId),
        given.map((d) => d.charityId),
        given.map((d) => d.currency),
        given.map((d) => d.amount),
        given.map((d) => d.percent),
        given.map((d) => d.quantity),
        given.map((d) => d.fulfilledAt),
        at,
      ],
    );
    await this.addToTotals(manager, given, at, 'donated');
    return new Map(given.map((d) => [d.accrualId, d.amount]));
  }

  /** Fulfilment starts the hold of the lines' donations too. */
  async startHolds(manager: EntityManager, lines: { lineId: string; fulfilledAt: Date | null }[]): Promise<void> {
    if (lines.length === 0) return;
    await manager.query(
      `UPDATE donations d SET fulfilled_at = f.fulfilled_at
       FROM unnest($1::uuid[], $2::timestamptz[]) AS f(line_id, fulfilled_at)
       WHERE d.line_id = f.line_id AND d.fulfilled_at IS NULL`,
      [lines.map((l) => l.lineId), lines.map((l) => l.fulfilledAt)],
    );
  }

  /**
   * Before accruals are reversed: gives their charities' parts back to the creators, from where
   * each charity holds its part to where each creator holds the accrual (`held`, by accrual id).
   */
  async giveBack(manager: EntityManager, held: Map<string, Held>): Promise<void> {
    if (held.size === 0) return;
    const rows: DonationRow[] = await manager.query(
      `SELECT ${DONATION_COLUMNS} FROM donations WHERE accrual_id = ANY($1::uuid[]) AND status <> 'reversed' ORDER BY id FOR UPDATE`,
      [[...held.keys()]],
    );
    const donations = rows.map(donationFromRow);
    const from = (d: (typeof donations)[number]): Held => (d.status === 'available' ? 'available' : 'pending');
    const postings = donations.map((d) => donationPostings.giveBack(d, from(d), held.get(d.accrualId) ?? 'pending'));
    const posted = await this.ledger.post(manager, postings);
    const reversed = donations.filter((_, i) => posted.has(postings[i].key));
    const at = postingTime(posted);
    if (!at) return;
    await manager.query(
      `UPDATE donations d SET status = 'reversed', reversed_at = $3, reversed_from = r.from_status
       FROM unnest($1::uuid[], $2::text[]) AS r(id, from_status) WHERE d.id = r.id`,
      [reversed.map((d) => d.id), reversed.map(from), at],
    );
    await this.addToTotals(manager, reversed, at, 'reversed');
  }

  /** Releases up to `limit` donations fulfilled at or before `cutoff`, claimed with SKIP LOCKED; returns how many. */
  async releaseDue(manager: EntityManager, cutoff: Date, limit: number): Promise<number> {
    await this.ledger.lock(manager);
    const rows: DonationRow[] = await manager.query(
      `SELECT ${DONATION_COLUMNS} FROM donations
       WHERE status = 'pending' AND fulfilled_at <= $1
       ORDER BY fulfilled_at, id LIMIT $2
       FOR UPDATE SKIP LOCKED`,
      [cutoff, limit],
    );
    if (rows.length === 0) return 0;
    const due = rows.map(donationFromRow);
    const posted = await this.ledger.post(manager, due.map(donationPostings.release));
    const at = postingTime(posted) ?? new Date();
    await manager.query(`UPDATE donations SET status = 'available', released_at = $2 WHERE id = ANY($1::uuid[])`, [
      due.map((d) => d.id),
      at,
    ]);
    return rows.length;
  }

  /** What each creator gave (or had given back), per posting day: the earnings' donated totals. */
  private async addToTotals(manager: EntityManager, donations: Donation[], at: Date, column: 'donated' | 'reversed') {
    if (donations.length === 0) return;
    await manager.query(
      `INSERT INTO giving_daily_totals AS t (creator_id, currency, day, ${column})
       SELECT creator_id, currency, ($4::timestamptz AT TIME ZONE 'UTC')::date, sum(amount)
       FROM unnest($1::uuid[], $2::text[], $3::bigint[]) AS d(creator_id, currency, amount)
       GROUP BY 1, 2, 3
       ON CONFLICT (creator_id, currency, day) DO UPDATE SET ${column} = t.${column} + EXCLUDED.${column}`,
      [donations.map((d) => d.creatorId), donations.map((d) => d.currency), donations.map((d) => d.amount), at],
    );
  }
}
