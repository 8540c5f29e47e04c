import {
  EarningsView,
  GetPayoutRunRequest,
  LeaderboardRequest,
  LeaderboardView,
  PayoutRunView,
  StartPayoutRunRequest,
  StatementRequest,
  StatementView,
} from '@mogul/contracts';
import { GatewayCaller } from '../auth/caller.decorator';
import { ServiceClient } from './service-client';

/** The payouts service's internal API: the one place in the gateway that knows its paths. */
export class PayoutsClient extends ServiceClient {
  /** The caller's own earnings: payouts reads the creator from the forwarded token. */
  earnings(caller: GatewayCaller): Promise<EarningsView> {
    return this.call(caller, { operation: 'payouts.earnings', method: 'GET', path: '/internal/v1/creators/me/earnings' });
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
