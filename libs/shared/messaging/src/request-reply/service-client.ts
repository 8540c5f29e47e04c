import { Reply } from '@mogul/contracts';

/**
 * Sends a request to whichever service handles `pattern` and waits for its reply. Business
 * failures come back as `Reply` failures; transport failures throw `ServiceUnavailableError` or
 * `ServiceTimeoutError`, so a caller never hangs.
 */
export abstract class ServiceClient {
  abstract send<TRes, TReq = unknown>(pattern: string, body: TReq, correlationId: string): Promise<Reply<TRes>>;
}
