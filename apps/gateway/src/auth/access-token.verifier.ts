import { Inject, Injectable } from '@nestjs/common';
import { AccessTokens } from '@mogul/http';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';

/**
 * Checks an access token that identity signed (see `AccessTokens`): the same code the services
 * run on the token the gateway forwards to them.
 */
@Injectable()
export class AccessTokenVerifier extends AccessTokens {
  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    super(config.accessTokens());
  }
}
