import {
  EarningsView,
  EVENT_STREAM_MEDIA_TYPE,
  GetPayoutRunRequest,
  LeaderboardRequest,
  LeaderboardView,
  PayoutRunView,
  StartPayoutRunRequest,
  StatementRequest,
  StatementView,
} from '@mogul/contracts';
import { GatewayTokens, InternalHttpClient, ServiceStream } from '@mogul/http';
import { GatewayCaller } from '../auth/caller.decorator';
import { ServiceClient } from './service-client';

/** Three of the earnings stream's heartbeats (every 15 s): longer silence means payouts is gone. */
const EARNINGS_STREAM_IDLE_TIMEOUT_MS = 45_000;

/** The payouts service's internal API: the one place in the gateway that knows its paths. */
export class PayoutsClient extends ServiceClient {
  constructor(
    private readonly streams: InternalHttpClient,
    private readonly gatewayTokens: GatewayTokens,
  ) {
    super(streams, gatewayTokens);
  }

  /** The caller's own earnings: payouts reads the creator from the forwarded token. */
  earnings(caller: GatewayCaller): Promise<EarningsView> {
    return this.call(caller, { operation: 'payouts.earnings', method: 'GET', path: '/internal/v1/creators/me/earnings' });
  }

  /**
   * The caller's earnings as server-sent events (see `EARNINGS_STREAM_EVENT`), open until `signal`
   * aborts or payouts ends it. Payouts answers the first event at once, within the call deadline.
   */
  earningsEvents(caller: GatewayCaller, signal: AbortSignal): Promise<ServiceStream> {
    return this.streams.stream({
      operation: 'payouts.earnings-events',
      method: 'GET',
      path: '/internal/v1/creators/me/earnings/events',
      headers: { accept: EVENT_STREAM_MEDIA_TYPE },
      caller: { credentials: caller.accessToken ?? this.gatewayTokens.gatewayToken(), correlationId: caller.correlationId },
      signal,
      idleTimeoutMs: EARNINGS_STREAM_IDLE_TIMEOUT_MS,
    });
  }

  /** One page per currency of the caller's statement of a month. */
  statement(caller: GatewayCaller, { month, currency, limit, cursor }: StatementRequest): Promise<StatementView> {
    return this.call(caller, {
      operation: 'payouts.statement',
      method: 'GET',
      path: `/internal/v1/creators/me/statements/${encodeURIComponent(month)}`,
      query: { currency, limit, cursor },
    });
  }

  leaderboard(caller: GatewayCaller, { period, limit }: LeaderboardRequest): Promise<LeaderboardView> {
    return this.call(caller, {
      operation: 'payouts.leaderboard',
      method: 'GET',
      path: '/internal/v1/creators/leaderboard',
      query: { period, limit },
    });
  }

  startRun(caller: GatewayCaller, body: StartPayoutRunRequest): Promise<PayoutRunView> {
    return this.call(caller, { operation: 'payouts.start-run', method: 'POST', path: '/internal/v1/payouts/runs', body });
  }

  getRun(caller: GatewayCaller, { runId, cursor, limit }: GetPayoutRunRequest): Promise<PayoutRunView> {
    return this.call(caller, {
      operation: 'payouts.get-run',
      method: 'GET',
      path: `/internal/v1/payouts/runs/${encodeURIComponent(runId)}`,
      query: { cursor, limit },
    });
  }
}
