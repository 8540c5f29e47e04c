import { Inject, Injectable } from '@nestjs/common';
import { CurrencyStatement, statementCsv, StatementRequest } from '@mogul/contracts';
import { GatewayCaller } from '../auth/caller.decorator';
import { PayoutsClient } from '../services/payouts.client';

/** The most lines per currency one CSV file holds when the request names no `limit`. */
export const CSV_MAX_LINES = 50_000;

/** Lines per page asked of payouts while gathering a file: the most one statement page holds. */
export const CSV_PAGE_LINES = 1_000;

/** What the export needs of payouts: statement pages. */
export type StatementPages = Pick<PayoutsClient, 'statement'>;

export interface StatementCsvFile {
  csv: string;
  /** Per currency with lines left over: the query that continues it (`currency` and `cursor`). */
  next: { currency: string; cursor: string }[];
}

/**
 * A statement as one CSV file: the month (from `cursor` when given) gathered page by page from the
 * payouts service, up to `limit` lines per currency (CSV_MAX_LINES when absent), so a download
 * holds the whole month rather than the first JSON page. Pages join exactly: each page opens at
 * the balance the one before closed at.
 */
@Injectable()
export class StatementCsvExport {
  constructor(@Inject(PayoutsClient) private readonly payouts: StatementPages) {}

  async render(caller: GatewayCaller, request: StatementRequest): Promise<StatementCsvFile> {
    const wanted = request.limit ?? CSV_MAX_LINES;
    const first = await this.payouts.statement(caller, { ...request, limit: Math.min(wanted, CSV_PAGE_LINES) });
    const currencies: CurrencyStatement[] = [];
    for (const opening of first.currencies) {
      const lines = [...opening.lines];
      let last = opening;
      while (last.nextCursor !== null && lines.length < wanted) {
        const page = await this.payouts.statement(caller, {
          month: request.month,
          currency: opening.currency,
          cursor: last.nextCursor,
          limit: Math.min(wanted - lines.length, CSV_PAGE_LINES),
        });
        const next = page.currencies.find((c) => c.currency === opening.currency);
        if (!next) break;
        lines.push(...next.lines);
        last = next;
      }
      currencies.push({ ...opening, lines, closingBalance: last.closingBalance, nextCursor: last.nextCursor });
    }
    return {
      csv: statementCsv({ ...first, currencies }),
      next: currencies.flatMap((c) => (c.nextCursor === null ? [] : [{ currency: c.currency, cursor: c.nextCursor }])),
    };
  }
}
