import {
  CharityListView,
  CharityStatementRequest,
  CharityStatementView,
  CharityView,
  CreateCharityRequest,
  EarningsView,
  GivingSettingRequest,
  GivingView,
  EVENT_STREAM_MEDIA_TYPE,
  GetPayoutRunRequest,
  LeaderboardRequest,
  LeaderboardView,
  PayoutRunView,
  StartPayoutRunRequest,
  StatementRequest,
  StatementView,
  UpdateCharityRequest,
  WeeklyPrizeSettings,
  WeeklyPrizeView,
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

  weeklyPrize(caller: GatewayCaller): Promise<WeeklyPrizeView> {
    return this.call(caller, { operation: 'payouts.weekly-prize', method: 'GET', path: '/internal/v1/prizes/weekly' });
  }

  configureWeeklyPrize(caller: GatewayCaller, body: WeeklyPrizeSettings): Promise<WeeklyPrizeView> {
    return this.call(caller, { operation: 'payouts.configure-weekly-prize', method: 'PUT', path: '/internal/v1/prizes/weekly', body });
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
  /** Every charity for an operator; the active ones for anyone else signed in. */
  charities(caller: GatewayCaller): Promise<CharityListView> {
    return this.call(caller, { operation: 'payouts.charities', method: 'GET', path: '/internal/v1/charities' });
  }

  createCharity(caller: GatewayCaller, body: CreateCharityRequest): Promise<CharityView> {
    return this.call(caller, { operation: 'payouts.create-charity', method: 'POST', path: '/internal/v1/charities', body });
  }

  updateCharity(caller: GatewayCaller, charityId: string, body: UpdateCharityRequest): Promise<CharityView> {
    return this.call(caller, {
      operation: 'payouts.update-charity',
      method: 'PATCH',
      path: `/internal/v1/charities/${encodeURIComponent(charityId)}`,
      body,
    });
  }

  charityStatement(caller: GatewayCaller, { charityId, month, currency, limit, cursor }: CharityStatementRequest): Promise<CharityStatementView> {
    return this.call(caller, {
      operation: 'payouts.charity-statement',
      method: 'GET',
      path: `/internal/v1/charities/${encodeURIComponent(charityId)}/statements/${encodeURIComponent(month)}`,
      query: { currency, limit, cursor },
    });
  }

  /** The caller's own giving setting. */
  giving(caller: GatewayCaller): Promise<GivingView> {
    return this.call(caller, { operation: 'payouts.giving', method: 'GET', path: '/internal/v1/creators/me/giving' });
  }

  setGiving(caller: GatewayCaller, body: GivingSettingRequest): Promise<GivingView> {
    return this.call(caller, { operation: 'payouts.set-giving', method: 'PUT', path: '/internal/v1/creators/me/giving', body });
  }
}
