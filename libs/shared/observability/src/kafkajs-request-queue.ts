/** The part of kafkajs's per-connection request queue that the fix below touches. */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's own interval for re-checking requests held back by a throttle or a full connection. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

let fixed = false;

/**
 * kafkajs 2.2.4, its last release, re-checks each broker connection's request queue every
 * millisecond for as long as the connection is open, even with no request waiting and no
 * throttle (tulios/kafkajs#1556; the fix, #1667, was never released): with a few connections
 * per process, an idle service spent 30–100 ms of CPU a second on nothing. This replaces that
 * one method with the fixed one, which schedules a check only while requests wait or until a
 * broker's throttle ends; a request that cannot be sent at once is queued through this method,
 * and every answer checks the queue, so nothing waits longer than before. Idempotent; every
 * Kafka client of the platform is created after calling it.
 */
export function preventIdleKafkaPolling(): void {
  if (fixed) return;
  // kafkajs has no types for its internals, and no other way to change this.
  const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals };
  RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueueInternals) {
    if (this.throttleCheckTimeoutId) return;
    const untilUnthrottled = this.throttledUntil - Date.now();
    if (this.pending.length === 0 && untilUnthrottled <= 0) return;
    const delay = untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS;
    this.throttleCheckTimeoutId = setTimeout(() => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    }, delay);
  };
  fixed = true;
}
