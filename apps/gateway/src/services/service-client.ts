import { GatewayTokens, InternalHttpClient, ServiceCall } from '@mogul/http';
import { GatewayCaller } from '../auth/caller.decorator';

/**
 * What the typed client of each service builds on: one pool of keep-alive connections to the
 * service, the caller's credentials on every call (the user's access token, or the gateway's own
 * token when nobody signed in). Each subclass is the one place that knows its service's paths.
 */
export abstract class ServiceClient {
  constructor(
    private readonly http: InternalHttpClient,
    private readonly tokens: GatewayTokens,
  ) {}

  protected call<T>(caller: GatewayCaller, call: Omit<ServiceCall, 'caller'>): Promise<T> {
    const credentials = caller.accessToken ?? this.tokens.gatewayToken();
    return this.http.call<T>({ ...call, caller: { credentials, correlationId: caller.correlationId } });
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
