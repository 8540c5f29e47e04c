import { Injectable } from '@nestjs/common';
import { CursorPatterns, decodeCursor, encodeCursor, InvalidCursorError } from '@mogul/persistence';
import {
  CurrencyStatement,
  Money,
  PayoutLimits,
  StatementLine,
  StatementLineKind,
  StatementRequest,
  StatementView,
} from '@mogul/contracts';
import { Actor } from '@mogul/http';
import { DataSource } from 'typeorm';
import { creatorOf } from './creator-actor';
import { AccountKind } from '../ledger/posting';
import { monthRange } from './months';

/** Where a page starts: strictly after this entry of the creator's accounts, in (posted_at, id) order. */
interface Position {
  /** A timestamp to the microsecond (a JavaScript Date would lose them). */
  postedAt: string;
  entryId: string;
}

interface EntryRow {
  id: string;
  account_id: string;
  transaction_id: string;
  amount: string;
  balance_after: string;
  position: string;
}

interface TransactionRow {
  id: string;
  kind: StatementLineKind;
  order_id: string | null;
  product_id: string | null;
  quantity: number | null;
  posted_at: Date;
  product_name: string | null;
}

/** A holder's pending and available account kinds, which a statement reads together. */
export type HolderAccountKinds = readonly [AccountKind, AccountKind];
const CREATOR_ACCOUNTS: HolderAccountKinds = ['creator_pending', 'creator_available'];
export const CHARITY_ACCOUNTS: HolderAccountKinds = ['charity_pending', 'charity_available'];

const POSITION = `to_char(posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The last balance of each account at or before a position: one backward index probe each. */
const OPENING = `
  SELECT a.id::text AS account_id,
         (SELECT e.balance_after FROM ledger_entries e
          WHERE e.account_id = a.id AND (e.posted_at, e.id) <= ($2::timestamptz, $3::bigint)
          ORDER BY e.posted_at DESC, e.id DESC LIMIT 1) AS balance
  FROM unnest($1::bigint[]) AS a(id)`;

/** The next entries of the two accounts, merged: each side is an index range scan that stops at the limit. */
const PAGE = `
  SELECT * FROM (
    (SELECT id, account_id, transaction_id, amount, balance_after, posted_at, ${POSITION} AS position FROM ledger_entries
     WHERE account_id = $1 AND (posted_at, id) > ($3::timestamptz, $4::bigint) AND posted_at < $5 ORDER BY posted_at, id LIMIT $6)
    UNION ALL
    (SELECT id, account_id, transaction_id, amount, balance_after, posted_at, ${POSITION} AS position FROM ledger_entries
     WHERE account_id = $2 AND (posted_at, id) > ($3::timestamptz, $4::bigint) AND posted_at < $5 ORDER BY posted_at, id LIMIT $6)
  ) e ORDER BY posted_at, id LIMIT $6`;

const CURSOR_FIELDS = {
  m: CursorPatterns.month,
  c: CursorPatterns.currency,
  t: CursorPatterns.timestamp,
  i: CursorPatterns.positiveInteger,
};

/**
 * Monthly statements: the creator's pending and available accounts read together, a line per
 * ledger transaction, each with the balance (pending + available) the ledger stored after it.
 * A page costs the same whatever the creator's history: two index probes for the opening
 * balance, two bounded index range scans for the entries, and the page's transactions by id.
 */
@Injectable()
export class StatementsService {
  constructor(private readonly dataSource: DataSource) {}

  async statement(actor: Actor, request: StatementRequest): Promise<StatementView> {
    const creatorId = creatorOf(actor);
    return { creatorId, month: request.month, currencies: await this.pages(creatorId, CREATOR_ACCOUNTS, request) };
  }

  /** The statement pages of any holder's pending and available accounts (a creator's, or a charity's). */
  async pages(holderId: string, accountKinds: HolderAccountKinds, request: StatementRequest): Promise<CurrencyStatement[]> {
    const limit = request.limit ?? PayoutLimits.statementPageDefault;
    const { start, end } = monthRange(request.month);
    let currencies: string[];
    let after: Position = { postedAt: start.toISOString(), entryId: '0' };
    if (request.cursor) {
      const cursor = decodeCursor(request.cursor, CURSOR_FIELDS);
      if (cursor.m !== request.month || (request.currency !== undefined && request.currency !== cursor.c)) throw new InvalidCursorError();
      currencies = [cursor.c];
      after = { postedAt: cursor.t, entryId: cursor.i };
    } else if (request.currency !== undefined) {
      currencies = [request.currency];
    } else {
      const rows: { currency: string }[] = await this.dataSource.query(
        `SELECT DISTINCT currency FROM ledger_accounts WHERE holder_id = $1 AND kind = ANY($2::text[]) ORDER BY currency`,
        [holderId, accountKinds],
      );
      currencies = rows.map((r) => r.currency);
    }
    return Promise.all(currencies.map((currency) => this.page(holderId, accountKinds, request.month, currency, after, end, limit)));
  }

  private async page(
    holderId: string,
    [pendingKind, availableKind]: HolderAccountKinds,
    month: string,
    currency: string,
    after: Position,
    end: Date,
    limit: number,
  ): Promise<CurrencyStatement> {
    const money = (amount: number): Money => ({ amount, currency });
    const accounts: { id: string; kind: string }[] = await this.dataSource.query(
      `SELECT id::text AS id, kind FROM ledger_accounts WHERE holder_id = $1 AND currency = $2 AND kind IN ($3, $4)`,
      [holderId, currency, pendingKind, availableKind],
    );
    // An account not opened yet has no entries: -1 matches none.
    const pendingId = accounts.find((a) => a.kind === pendingKind)?.id ?? '-1';
    const availableId = accounts.find((a) => a.kind === availableKind)?.id ?? '-1';
    const [openings, entries]: [{ account_id: string; balance: string | null }[], EntryRow[]] = await Promise.all([
      this.dataSource.query(OPENING, [[pendingId, availableId], after.postedAt, after.entryId]),
      // Each line has at most two entries, so this many hold `limit` whole lines and show whether there are more.
      this.dataSource.query(PAGE, [pendingId, availableId, after.postedAt, after.entryId, end, 2 * (limit + 1)]),
    ]);
    const balances = new Map(openings.map((o) => [o.account_id, Number(o.balance ?? 0)]));
    const opening = (balances.get(pendingId) ?? 0) + (balances.get(availableId) ?? 0);

    const groups: EntryRow[][] = [];
    for (const entry of entries) {
      const last = groups[groups.length - 1];
      if (last && last[0].transaction_id === entry.transaction_id) last.push(entry);
      else groups.push([entry]);
    }
    const pageGroups = groups.slice(0, limit);
    const transactions = await this.transactions(pageGroups.map((g) => g[0].transaction_id));

    const lines: StatementLine[] = pageGroups.map((group) => {
      let pendingChange = 0;
      let availableChange = 0;
      for (const entry of group) {
        if (entry.account_id === pendingId) pendingChange += Number(entry.amount);
        else availableChange += Number(entry.amount);
        balances.set(entry.account_id, Number(entry.balance_after));
      }
      // Entries reference their transaction (a foreign key): it is there.
      const t = transactions.get(group[0].transaction_id) as TransactionRow;
      return {
        at: t.posted_at.toISOString(),
        kind: t.kind,
        orderId: t.order_id,
        productId: t.product_id,
        productName: t.product_name,
        quantity: t.quantity,
        amount: money(pendingChange + availableChange),
        pendingChange: money(pendingChange),
        availableChange: money(availableChange),
        balance: money((balances.get(pendingId) ?? 0) + (balances.get(availableId) ?? 0)),
      };
    });
    const lastEntry = pageGroups[pageGroups.length - 1]?.at(-1);
    return {
      currency,
      openingBalance: money(opening),
      lines,
      closingBalance: lines.length > 0 ? lines[lines.length - 1].balance : money(opening),
      nextCursor:
        groups.length > limit && lastEntry ? encodeCursor({ m: month, c: currency, t: lastEntry.position, i: String(lastEntry.id) }) : null,
    };
  }

  private async transactions(ids: string[]): Promise<Map<string, TransactionRow>> {
    if (ids.length === 0) return new Map();
    const rows: TransactionRow[] = await this.dataSource.query(
      `SELECT t.id::text AS id, t.kind, t.order_id, t.product_id, t.quantity, t.posted_at, p.name AS product_name
       FROM ledger_transactions t LEFT JOIN products p ON p.id = t.product_id
       WHERE t.id = ANY($1::bigint[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}
