import type { Money, StatementLine, StatementView } from '@mogul/contracts';
import { useEffect, useId, useState } from 'react';
import { api } from '../../api/client';
import { ProblemMessage } from '../../ui/forms';
import { useLoad } from '../../ui/hooks';
import { downloadStatementCsv } from './download-csv';
import { lastMonths, monthName, monthOf } from './months';
import { StatementTable } from './StatementTable';

const PAGE = 100;
const MONTHS_OFFERED = 24;

interface LaterPages {
  lines: StatementLine[];
  closingBalance: Money;
  nextCursor: string | null;
}

/** A month's statement per currency, a page of lines at a time, with the month as a CSV file. */
export function StatementSection(props: { revision: number }) {
  const current = monthOf(new Date());
  const [month, setMonth] = useState(current);
  const monthId = useId();
  const path = `/creators/me/statements/${month}`;
  const first = useLoad(
    (signal) => api.get<StatementView>(path, { query: { limit: PAGE }, signal }),
    [path, month === current ? props.revision : 0],
  );
  const [later, setLater] = useState<Record<string, LaterPages>>({});
  const [moreError, setMoreError] = useState<Error>();
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<Error>();
  useEffect(() => setLater({}), [first.data]);

  const showMore = async (currency: string, cursor: string) => {
    setMoreError(undefined);
    try {
      const page = await api.get<StatementView>(path, { query: { currency, cursor, limit: PAGE } });
      const next = page.currencies.find((c) => c.currency === currency);
      if (!next) return;
      setLater((pages) => ({
        ...pages,
        [currency]: {
          lines: [...(pages[currency]?.lines ?? []), ...next.lines],
          closingBalance: next.closingBalance,
          nextCursor: next.nextCursor,
        },
      }));
    } catch (error) {
      setMoreError(error as Error);
    }
  };

  const download = async () => {
    setDownloading(true);
    setDownloadError(undefined);
    try {
      await downloadStatementCsv(month);
    } catch (error) {
      setDownloadError(error as Error);
    } finally {
      setDownloading(false);
    }
  };

  const statements = first.data?.month === month ? first.data.currencies : undefined;
  return (
    <section aria-labelledby="statement-title">
      <h2 id="statement-title">Statement</h2>
      <div className="row">
        <div className="field">
          <label htmlFor={monthId}>Month</label>
          <select id={monthId} value={month} onChange={(e) => setMonth(e.target.value)}>
            {lastMonths(MONTHS_OFFERED)
              .reverse()
              .map((m) => (
                <option key={m} value={m}>
                  {monthName(m)}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <button type="button" onClick={() => void download()} disabled={downloading}>
            {downloading ? 'Preparing CSV…' : 'Download CSV'}
          </button>
        </div>
      </div>
      <ProblemMessage problem={downloadError} />
      <ProblemMessage problem={first.error} />
      <ProblemMessage problem={moreError} />
      {!statements && first.loading && <p aria-busy="true">Loading the statement…</p>}
      {statements?.length === 0 && <p className="muted">Nothing happened in {monthName(month)}: no royalties, releases or payouts.</p>}
      {statements?.map((statement) => {
        const more = later[statement.currency];
        const nextCursor = more ? more.nextCursor : statement.nextCursor;
        return (
          <div key={statement.currency} className="statement-block">
            <StatementTable
              month={month}
              statement={{ ...statement, closingBalance: more?.closingBalance ?? statement.closingBalance }}
              lines={more ? [...statement.lines, ...more.lines] : statement.lines}
              complete={nextCursor === null}
            />
            {nextCursor && (
              <p>
                <button type="button" className="secondary" onClick={() => void showMore(statement.currency, nextCursor)}>
                  Show more lines in {statement.currency}
                </button>
              </p>
            )}
          </div>
        );
      })}
    </section>
  );
}
