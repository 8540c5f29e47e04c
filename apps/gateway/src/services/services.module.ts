import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { GatewayTokens, InternalHttpClient } from '@mogul/http';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';
import { IdentityClient } from './identity.client';
import { ListingsClient } from './listings.client';
import { OrdersClient } from './orders.client';
import { PayoutsClient } from './payouts.client';
import { ProductsClient } from './products.client';
import { ServiceClient } from './service-client';

type ClientClass = new (http: InternalHttpClient, tokens: GatewayTokens) => ServiceClient;

const CLIENTS: { service: string; type: ClientClass; url: (config: GatewayConfig) => string }[] = [
  { service: 'identity', type: IdentityClient, url: (c) => c.IDENTITY_URL },
  { service: 'listings', type: ListingsClient, url: (c) => c.LISTINGS_URL },
  { service: 'products', type: ProductsClient, url: (c) => c.PRODUCTS_URL },
  { service: 'orders', type: OrdersClient, url: (c) => c.ORDERS_URL },
  { service: 'payouts', type: PayoutsClient, url: (c) => c.PAYOUTS_URL },
];

/** Signs the gateway's own token for calls that no signed-in user makes. */
class GatewayTokenSigner extends GatewayTokens {
  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    super(config.accessTokens());
  }
}

/** Closes every service client's connection pool when the gateway stops. */
class ServiceClientsShutdown implements OnApplicationShutdown {
  constructor(private readonly clients: ServiceClient[]) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.close()));
  }
}

/** The typed client of every service, for injection anywhere in the gateway. */
@Global()
@Module({
  providers: [
    { provide: GatewayTokens, useClass: GatewayTokenSigner },
    ...CLIENTS.map(({ service, type, url }) => ({
      provide: type,
      inject: [GATEWAY_CONFIG, GatewayTokens],
      useFactory: (config: GatewayConfig, tokens: GatewayTokens) =>
        new type(
          new InternalHttpClient({
            service,
            baseUrl: url(config),
            timeoutMs: config.REQUEST_TIMEOUT_MS,
            connections: config.SERVICE_CONNECTIONS,
          }),
          tokens,
        ),
    })),
    {
      provide: ServiceClientsShutdown,
      inject: CLIENTS.map((c) => c.type),
      useFactory: (...clients: ServiceClient[]) => new ServiceClientsShutdown(clients),
    },
  ],
  exports: CLIENTS.map((c) => c.type),
})
export class ServicesModule {}
