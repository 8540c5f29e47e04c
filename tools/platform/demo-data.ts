/**
 * Demo accounts, loaded through the gateway's public API like any client would, so the platform's
 * own rules (hashing, events, roles) apply. Loading twice changes nothing.
 */
export const DEMO_ACCOUNTS = [
  { email: 'operator@mogul.local', password: 'operator-demo-password', displayName: 'Olive Operator' },
  { email: 'shopper@mogul.local', password: 'shopper-demo-password', displayName: 'Sam Shopper' },
] as const;

export async function loadDemoData(gatewayUrl: string, log: (line: string) => void): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    const res = await fetch(`${gatewayUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(account),
    });
    if (res.status === 201) log(`registered ${account.email} (password: ${account.password})`);
    else if (res.status === 409) log(`${account.email} exists already`);
    else throw new Error(`demo data: registering ${account.email} answered ${res.status}: ${await res.text()}`);
  }
}
