import { API_PREFIX } from '../http/api-prefix';

export const CSV_MEDIA_TYPE = 'text/csv';

interface MediaRange {
  type: string;
  quality: number;
}

function mediaRangesOf(accept: string): MediaRange[] {
  return accept.split(',').map((range) => {
    const [type, ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = parameters.find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return { type, quality: Number.isFinite(quality) ? quality : 0 };
  });
}

/**
 * Whether a statement request asks for CSV: `text/csv` named in `Accept` with a higher quality
 * than `application/json` (or JSON not named at all). JSON stays the answer to `*\/*`, to no
 * header and to a tie, so generic clients keep getting what the API documents first.
 */
export function prefersCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const ranges = mediaRangesOf(accept);
  const qualityOf = (type: string) => ranges.find((r) => r.type === type)?.quality;
  const csv = qualityOf(CSV_MEDIA_TYPE);
  if (csv === undefined || csv <= 0) return false;
  const json = qualityOf('application/json');
  return json === undefined || csv > json;
}

/** `attachment; filename="mogul-statement-2026-05.csv"`, with the currency when the file holds one. */
export function statementFileName(month: string, currency?: string): string {
  return `mogul-statement-${month}${currency ? `-${currency}` : ''}.csv`;
}

/** RFC 8288 `Link` header value: one `rel="next"` URL per currency whose lines continue in another file. */
export function nextLinks(month: string, next: { currency: string; cursor: string }[]): string {
  return next
    .map(({ currency, cursor }) => {
      const query = new URLSearchParams({ currency, cursor });
      return `</${API_PREFIX}/creators/me/statements/${month}?${query}>; rel="next"`;
    })
    .join(', ');
}
