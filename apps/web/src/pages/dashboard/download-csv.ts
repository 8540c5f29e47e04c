import { requestRaw } from '../../api/client';

/**
 * Fetches a month's statement as CSV with the caller's token and hands it to the browser as a
 * file: a plain link could not carry the Authorization header.
 */
export async function downloadStatementCsv(month: string): Promise<void> {
  const response = await requestRaw('GET', `/creators/me/statements/${month}`, { headers: { accept: 'text/csv' } });
  const blob = await response.blob();
  const named = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = named?.[1] ?? `mogul-statement-${month}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
