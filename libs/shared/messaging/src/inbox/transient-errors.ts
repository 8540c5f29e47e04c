/**
 * True when an error says the database (not the event) is the problem: the connection failed,
 * the server is shutting down, or the transaction lost a race it can win on a retry. Such
 * failures are retried without counting against an event's attempts, so an outage never sends
 * good events to the dead-letter topic.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const candidate = current as { code?: unknown; driverError?: unknown; cause?: unknown; message?: unknown };
    if (typeof candidate.code === 'string' && transientCode(candidate.code)) return true;
    if (typeof candidate.message === 'string' && CONNECTION_MESSAGES.some((m) => (candidate.message as string).includes(m))) return true;
    current = candidate.driverError ?? candidate.cause;
  }
  return false;
}

const CONNECTION_MESSAGES = ['Connection terminated', 'connection timeout', 'Client has encountered a connection error'];
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

function transientCode(code: string): boolean {
  if (NETWORK_CODES.has(code)) return true;
  // SQLSTATE class 08: connection exception; 57P01..57P03: shutting down or not yet accepting;
  // 53300: too many connections; 40001 and 40P01: serialization failure and deadlock.
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300', '40001', '40P01'].includes(code);
}
