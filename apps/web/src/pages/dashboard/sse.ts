/** One server-sent event: its name (`message` when the server named none) and its data lines joined. */
export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
  /** The reconnection delay the server asked for, in milliseconds. */
  retry?: number;
}

/**
 * Reads a `text/event-stream` as it arrives, in chunks cut anywhere: fields gather until a blank
 * line ends the event; comment lines (`: keep-alive`) and unknown fields are skipped, as the
 * HTML standard's event-stream interpretation does.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id?: string;
  private retry?: number;
  private afterCarriageReturn = false;

  constructor(private readonly dispatch: (event: ServerSentEvent) => void) {}

  push(chunk: string): void {
    if (chunk === '') return;
    // A chunk that ended in \r may have cut a \r\n in two: its \n is not another line end.
    if (this.afterCarriageReturn && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.buffer += chunk;
    const lineEnd = /\r\n|\r|\n/g;
    let start = 0;
    let end: RegExpExecArray | null;
    while ((end = lineEnd.exec(this.buffer))) {
      this.line(this.buffer.slice(start, end.index));
      start = end.index + end[0].length;
    }
    this.afterCarriageReturn = this.buffer.endsWith('\r');
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): void {
    if (line === '') return this.end();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
  }

  private end(): void {
    if (this.data.length > 0) {
      this.dispatch({ event: this.event || 'message', data: this.data.join('\n'), id: this.id, retry: this.retry });
    }
    this.event = '';
    this.data = [];
  }
}
