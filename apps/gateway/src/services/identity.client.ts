import { GrantRoleRequest, LoginRequest, RefreshRequest, RegisterRequest, SessionReply, UserProfile } from '@mogul/contracts';
import { GatewayCaller } from '../auth/caller.decorator';
import { ServiceClient } from './service-client';

/** The identity service's internal API: the one place in the gateway that knows its paths. */
export class IdentityClient extends ServiceClient {
  register(caller: GatewayCaller, body: RegisterRequest): Promise<SessionReply> {
    return this.call(caller, { operation: 'identity.register', method: 'POST', path: '/internal/v1/auth/register', body });
  }

  login(caller: GatewayCaller, body: LoginRequest): Promise<SessionReply> {
    return this.call(caller, { operation: 'identity.login', method: 'POST', path: '/internal/v1/auth/login', body });
  }

  refresh(caller: GatewayCaller, body: RefreshRequest): Promise<SessionReply> {
    return this.call(caller, { operation: 'identity.refresh', method: 'POST', path: '/internal/v1/auth/refresh', body });
  }

  logout(caller: GatewayCaller, body: RefreshRequest): Promise<void> {
    return this.call(caller, { operation: 'identity.logout', method: 'POST', path: '/internal/v1/auth/logout', body });
  }

  /** The signed-in caller's own profile: identity reads who from the forwarded token. */
  profile(caller: GatewayCaller): Promise<UserProfile> {
    return this.call(caller, { operation: 'identity.profile', method: 'GET', path: '/internal/v1/users/me' });
  }

  becomeCreator(caller: GatewayCaller): Promise<UserProfile> {
    return this.call(caller, { operation: 'identity.become-creator', method: 'POST', path: '/internal/v1/users/me/creator' });
  }

  grantRole(caller: GatewayCaller, userId: string, body: GrantRoleRequest): Promise<UserProfile> {
    return this.call(caller, {
      operation: 'identity.grant-role',
      method: 'POST',
      path: `/internal/v1/users/${encodeURIComponent(userId)}/roles`,
      body,
    });
  }
}
