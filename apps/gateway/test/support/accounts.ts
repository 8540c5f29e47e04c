import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SignedInResponse } from '../../src/auth/dto/signed-in.response';

export interface Account {
  id: string;
  token: string;
}

/** A unique address for one spec run. */
export const email = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.com`;

/**
 * Accounts made through the gateway's public API, as a client would: shoppers, creators (opted in)
 * and merchants (granted by an operator), each with a token issued after its roles changed.
 */
export class TestAccounts {
  /** Set once the first operator has registered. */
  operator!: Account;

  constructor(
    private readonly api: () => ReturnType<typeof request>,
    private readonly password: string,
  ) {}

  async register(address: string, displayName = 'Test User'): Promise<SignedInResponse> {
    const response = await this.api().post('/api/v1/auth/register').send({ email: address, password: this.password, displayName });
    expect(response.status).toBe(201);
    return response.body as SignedInResponse;
  }

  async refreshed(signedIn: SignedInResponse): Promise<string> {
    const response = await this.api().post('/api/v1/auth/refresh').send({ refreshToken: signedIn.tokens.refreshToken });
    expect(response.status).toBe(200);
    return (response.body as SignedInResponse).tokens.accessToken;
  }

  /** Registers the configured first operator and keeps it for granting roles. */
  async registerOperator(address: string): Promise<Account> {
    const signedIn = await this.register(address);
    this.operator = { id: signedIn.user.id, token: signedIn.tokens.accessToken };
    return this.operator;
  }

  async newMerchant(): Promise<Account> {
    const signedIn = await this.register(email('merchant'));
    const granted = await this.api()
      .post(`/api/v1/users/${signedIn.user.id}/roles`)
      .auth(this.operator.token, { type: 'bearer' })
      .send({ role: 'merchant' });
    expect(granted.status).toBe(200);
    return { id: signedIn.user.id, token: await this.refreshed(signedIn) };
  }

  async newCreator(displayName = 'Test User'): Promise<Account> {
    const signedIn = await this.register(email('creator'), displayName);
    expect((await this.api().post('/api/v1/me/creator').auth(signedIn.tokens.accessToken, { type: 'bearer' })).status).toBe(200);
    return { id: signedIn.user.id, token: await this.refreshed(signedIn) };
  }

  async newShopper(): Promise<Account> {
    const signedIn = await this.register(email('shopper'));
    return { id: signedIn.user.id, token: signedIn.tokens.accessToken };
  }
}
