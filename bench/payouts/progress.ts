/** A progress line on stderr, so that stdout holds only the figures. */
export function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}
