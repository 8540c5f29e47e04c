import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Money, ProductView } from '@mogul/contracts';
import { BrowserContext, Locator, Page } from 'playwright-core';
// The test platform and the demo data are in tools/, which belongs to no project; the gateway's
// specs import them the same way, but Nx reports a new file's import of them as an external one.
/* eslint-disable @nx/enforce-module-boundaries */
import { BrowserPlatform, startBrowserPlatform } from '../../../tools/testing/browser';
import { loadDemoData } from '../../../tools/platform/demo-data';
import { DEMO_ACCOUNTS, DEMO_OPERATOR, DemoAccount, PIZZA_LISTING } from '../../../tools/platform/demo/catalogue';
/* eslint-enable @nx/enforce-module-boundaries */
import { formatMoney, parseAmount } from '../src/money';
import { untilOrderable } from './support/api';
import {
  DESKTOP,
  descriptionOf,
  fillSignUp,
  horizontalOverflow,
  Person,
  PHONE,
  screenshot,
  seriousViolations,
  signedInAs,
  signIn,
  signUp,
} from './support/ui';

const PASSWORD = 'a browser-test password';
const demo = (key: string): DemoAccount => DEMO_ACCOUNTS.find((a) => a.key === key)!;
const newPerson = (name: string): Person => ({
  displayName: `${name} ${randomUUID().slice(0, 4)}`,
  email: `${name.toLowerCase()}.${randomUUID().slice(0, 8)}@example.com`,
  password: PASSWORD,
});

/**
 * The web app in a real headless Chromium, served by the gateway from a fresh build, over every
 * service with the demo data loaded: what people do through the pages, not through the API.
 */
describe('web app', () => {
  let web: BrowserPlatform;
  const contexts: BrowserContext[] = [];

  /** A browser profile of its own (cookies, storage), as another person on another machine. */
  async function newPage(viewport = DESKTOP): Promise<Page> {
    const context = await web.browser.newContext({ baseURL: web.baseUrl, viewport, locale: 'en-US', acceptDownloads: true });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    web = await startBrowserPlatform({ firstOperatorEmail: DEMO_OPERATOR.email });
    await loadDemoData(web.baseUrl, () => undefined);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await web?.close();
  });

  describe('accounts', () => {
    const shopper = newPerson('Shopper');
    let page: Page;

    beforeAll(async () => {
      page = await newPage();
    });

    it("signs up through the form, with the API's word on a bad field shown at that field", async () => {
      await page.goto('/signup');
      await fillSignUp(page, { ...shopper, password: 'too short' });

      const password = page.getByLabel('Password');
      const message = page.getByRole('alert').filter({ hasText: /password must be \d+ to \d+ characters long/ });
      await message.waitFor();
      expect(await password.getAttribute('aria-invalid')).toBe('true');
      expect(await descriptionOf(password)).toContain(await message.textContent());

      await password.fill(shopper.password);
      await page.getByRole('button', { name: 'Sign up' }).click();
      await signedInAs(page, shopper).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
    });

    it('signs out and in again', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
      await signIn(page, shopper);
    });

    it('keeps a shopper out of the operator console', async () => {
      await page.goto('/operator');
      await page.getByRole('heading', { name: 'Not for your account' }).waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('needs the operator role');
      expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operator' }).count()).toBe(0);
    });

    it('sends someone whose session has ended back to sign-in, then to where they were', async () => {
      // A refresh token the API no longer knows, and no access token: the next call ends the session.
      await page.evaluate(() => {
        localStorage.setItem('mogul.refreshToken', 'a-refresh-token-nobody-issued');
        sessionStorage.removeItem('mogul.accessToken');
      });
      await page.goto('/orders');
      await page.waitForURL((url) => url.pathname === '/signin');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/orders');
      await page.getByText('Your session has ended. Sign in again to go on.').waitFor();

      await page.getByLabel('Email').fill(shopper.email);
      await page.getByLabel('Password').fill(shopper.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === '/orders');
      await signedInAs(page, shopper).waitFor();
    });
  });

  describe('every main page', () => {
    interface MainPage {
      name: string;
      path: string;
      /** Who looks at it; nobody signed in when absent. */
      as?: DemoAccount;
      /** What a person does after landing on `path` to reach the page. */
      open?: (page: Page) => Promise<void>;
      /** What shows once the page has its data. */
      ready: (page: Page) => Locator;
    }
    const heading = (page: Page) => page.getByRole('heading', { level: 1 });
    const PAGES: MainPage[] = [
      { name: 'shop', path: '/', ready: (page) => page.getByRole('list', { name: 'Designs' }) },
      {
        name: 'design',
        path: '/',
        open: (page) => page.getByRole('list', { name: 'Designs' }).getByRole('link', { name: 'Spicy Meat Feast', exact: true }).click(),
        ready: (page) => page.getByRole('link', { name: 'Sign in to order' }),
      },
      { name: 'leaderboard', path: '/leaderboard', ready: (page) => page.getByRole('table', { name: 'Top creators' }) },
      { name: 'sign-in', path: '/signin', ready: heading },
      { name: 'sign-up', path: '/signup', ready: heading },
      { name: 'orders', path: '/orders', as: demo('shopper'), ready: (page) => page.getByRole('list', { name: 'Orders' }) },
      { name: 'studio', path: '/studio', as: demo('ada'), ready: (page) => page.getByRole('list', { name: 'My designs' }) },
      { name: 'dashboard', path: '/dashboard', as: demo('ada'), ready: (page) => page.getByRole('table', { name: /^Statement for / }) },
      { name: 'merchant', path: '/merchant', as: demo('pizzeria'), ready: heading },
      { name: 'operator', path: '/operator', as: DEMO_OPERATOR, ready: heading },
    ];

    it('have no serious accessibility violations and fit a 360 px wide phone', async () => {
      const pages = new Map<string, Page>();
      const violations: string[] = [];
      const overflows: string[] = [];
      for (const main of PAGES) {
        const key = main.as?.email ?? 'visitor';
        let page = pages.get(key);
        if (!page) {
          page = await newPage();
          if (main.as) await signIn(page, main.as);
          pages.set(key, page);
        }
        await page.setViewportSize(DESKTOP);
        await page.goto(main.path);
        await main.open?.(page);
        await main.ready(page).first().waitFor();
        violations.push(...(await seriousViolations(page)).map((v) => `${main.name}: ${v}`));
        await screenshot(page, `${main.name}-desktop`);

        await page.setViewportSize(PHONE);
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) overflows.push(`${main.name}: ${overflow} px wider than the phone`);
        await screenshot(page, `${main.name}-phone`);
      }
      expect(violations).toEqual([]);
      expect(overflows).toEqual([]);
    });
  });
  describe('the story', () => {
    const creator = newPerson('Creator');
    const designName = `Browser Special ${randomUUID().slice(0, 6)}`;
    const royalty: Money = { amount: 125, currency: 'AUD' };
    /** The pages show money in the browser's locale, en-US here: A$12.50. */
    const shown = (money: Money) => formatMoney(money, 'en-US');
    let studio: Page;
    let design: ProductView;

    it('a creator signs up, becomes a creator and designs a pizza, priced as the API prices it, and publishes it', async () => {
      studio = await newPage();
      await signUp(studio, creator);
      await studio.getByRole('button', { name: 'Become a creator' }).click();
      await studio.getByRole('heading', { name: 'Design studio' }).waitFor();
      await studio.getByRole('link', { name: 'New design' }).click();

      await studio.getByLabel('Listing').selectOption({ label: `${PIZZA_LISTING.title} (${PIZZA_LISTING.category})` });
      await studio.getByLabel('Name', { exact: true }).fill(designName);
      await studio.getByRole('radio', { name: 'Cheese-stuffed' }).check();
      await studio.getByRole('radio', { name: 'Peri-peri' }).check();
      await studio.getByRole('checkbox', { name: 'Mozzarella' }).check();
      await studio.getByRole('checkbox', { name: 'Chorizo' }).check();
      await studio.getByRole('checkbox', { name: 'Fresh chilli' }).check();
      await studio.getByLabel('Royalty per unit (AUD)').fill('1.25');
      // Base 12.00 + stuffed crust 3.00 + peri-peri 0.50 + chorizo 2.50 + chilli 0.50 + royalty 1.25.
      const unitPrice = studio.getByRole('region', { name: 'Price' }).getByRole('status');
      await unitPrice.filter({ hasText: shown({ amount: 1975, currency: 'AUD' }) }).waitFor();
      const priceInStudio = await unitPrice.textContent();

      const created = studio.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/products');
      await studio.getByRole('button', { name: 'Save and publish' }).click();
      design = (await (await created).json()) as ProductView;
      expect(priceInStudio).toBe(shown(design.unitPrice));
      expect(design.royaltyPerUnit).toEqual(royalty);
      await studio
        .getByRole('status')
        .filter({ hasText: `“${designName}” is published.` })
        .waitFor();
    });

    it("a shopper finds it by search and orders two; the creator's open dashboard shows the royalty arrive live", async () => {
      await studio.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
      await studio.getByText('Live earnings: connected').waitFor();
      const balances = studio.getByRole('region', { name: 'Balances' });
      await balances.getByText('No earnings yet').waitFor();

      await untilOrderable(web.baseUrl, design.id);
      const shopper = await newPage();
      await signIn(shopper, demo('shopper'));
      await shopper.getByRole('searchbox', { name: 'Search designs' }).fill(designName);
      await shopper.getByRole('search').getByRole('button', { name: 'Search' }).click();
      await shopper.getByRole('list', { name: 'Designs' }).getByRole('link', { name: designName }).click();
      await shopper.getByRole('heading', { name: designName, level: 1 }).waitFor();
      await shopper.getByLabel('Quantity').fill('2');
      await shopper.getByRole('button', { name: 'Place order' }).click();
      const placed = shopper.getByRole('status').filter({ hasText: 'Thank you, your order is placed.' });
      await placed.waitFor();
      expect(await placed.textContent()).toContain(shown({ amount: 2 * design.unitPrice.amount, currency: 'AUD' }));

      // Within a few seconds and with no reload: the stream brought it (reading again would take 20 s).
      const pending = balances
        .locator('div')
        .filter({ has: studio.getByText('Pending', { exact: true }) })
        .getByRole('definition');
      await pending.filter({ hasText: shown({ amount: 2 * royalty.amount, currency: 'AUD' }) }).waitFor({ timeout: 8_000 });
      await studio.getByText('Live earnings: connected').waitFor();
    });

    it("the creator's statement and its CSV download agree", async () => {
      const statement = studio.getByRole('table', { name: /^Statement for .* in AUD$/ });
      await statement.getByRole('link', { name: designName }).waitFor();
      const rows = await statement.evaluate((table: HTMLTableElement) =>
        [...table.rows].map((row) => [...row.cells].map((cell) => (cell.textContent ?? '').trim())),
      );
      const lines = rows.slice(1).filter((cells) => cells.length === 6);
      const closing = rows.find((cells) => cells[0] === 'Closing balance')?.[1];
      expect(lines).toEqual([
        [expect.any(String), 'Royalty', designName, '2', shown({ amount: 250, currency: 'AUD' }), shown({ amount: 250, currency: 'AUD' })],
      ]);

      const downloading = studio.waitForEvent('download');
      await studio.getByRole('button', { name: 'Download CSV' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^mogul-statement-\d{4}-\d{2}\.csv$/);
      const csv = (await readFile(await download.path(), 'utf8'))
        .trim()
        .split(/\r\n/)
        .map((line) => line.split(','));
      const [header, ...records] = csv;
      const column = (record: string[], name: string) => record[header.indexOf(name)];
      const money = (decimal: string) => shown({ amount: parseAmount(decimal, 'AUD')!, currency: 'AUD' });
      const csvLines = records.filter((r) => !column(r, 'kind').endsWith('_balance'));
      expect(
        csvLines.map((r) => [column(r, 'product_name'), column(r, 'quantity'), money(column(r, 'amount')), money(column(r, 'balance'))]),
      ).toEqual(lines.map((cells) => [cells[2], cells[3], cells[4], cells[5]]));
      expect(
        money(
          column(
            records.find((r) => column(r, 'kind') === 'closing_balance')!,
            'balance',
          ),
        ),
      ).toBe(closing);
    });

    it("the leaderboard shows the creator's name", async () => {
      await studio.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leaderboard' }).click();
      const creators = studio.getByRole('table', { name: 'Top creators' });
      await creators.getByRole('rowheader', { name: creator.displayName }).waitFor();
    });

    it('a shopper reports the design, its creator sees the report in the studio, and an operator dismisses it', async () => {
      const shopper = await newPage();
      await signIn(shopper, demo('shopper'));
      await shopper.goto(`/designs/${design.id}`);
      await shopper.getByRole('button', { name: `Report ${designName}` }).click();
      const form = shopper.getByRole('form', { name: `Report ${designName}` });
      await form.getByLabel('Reason').selectOption({ label: 'Something else' });
      await form.getByRole('button', { name: 'Send report' }).click();
      const text = form.getByLabel('What is wrong', { exact: true });
      await form.getByRole('alert').filter({ hasText: 'text is required when the reason is other' }).waitFor();
      expect(await descriptionOf(text)).toContain('text is required when the reason is other');
      expect(await seriousViolations(shopper)).toEqual([]);
      await text.fill('The name mocks a real pizzeria');
      await form.getByRole('button', { name: 'Send report' }).click();
      await shopper.getByRole('status').filter({ hasText: 'Thank you: the operators will review this design.' }).waitFor();

      await studio.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Studio' }).click();
      const card = studio.getByRole('list', { name: 'My designs' }).getByRole('listitem').filter({ hasText: designName });
      await card.getByText('1 open report').waitFor();
      await card.getByText('The name mocks a real pizzeria').waitFor();

      const operator = await newPage();
      await signIn(operator, DEMO_OPERATOR);
      await operator.goto('/operator/reports');
      await operator.getByRole('heading', { name: 'Reported designs' }).waitFor();
      await operator.getByRole('button', { name: `Dismiss reports of ${designName}` }).click();
      await operator
        .getByRole('status')
        .filter({ hasText: `The reports of “${designName}” were dismissed` })
        .waitFor();
      expect(await seriousViolations(operator)).toEqual([]);
    });
  });

  describe('the weekly prize', () => {
    it("an operator sets it, a bad time zone shown at its field; the leaderboard shows the prize and the week's race", async () => {
      const operator = await newPage();
      await signIn(operator, DEMO_OPERATOR);
      await operator.goto('/operator');
      await operator.getByRole('navigation', { name: 'Operator console' }).getByRole('link', { name: 'Weekly prize' }).click();
      await operator.getByRole('heading', { name: 'Weekly prize' }).waitFor();
      // The demo data set a prize; the form starts from it.
      await operator.getByRole('status').filter({ hasText: 'The prize is A$50.00 a week in Australia/Sydney' }).waitFor();
      await operator.getByLabel('Prize', { exact: true }).fill('50.00');
      await operator.getByLabel('Currency', { exact: true }).fill('AUD');
      const zone = operator.getByLabel('Time zone', { exact: true });
      await zone.fill('Mars/Olympus_Mons');
      await operator.getByRole('button', { name: 'Save prize' }).click();
      const message = operator.getByRole('alert').filter({ hasText: 'timeZone must be an IANA time zone' });
      await message.waitFor();
      expect(await zone.getAttribute('aria-invalid')).toBe('true');
      expect(await descriptionOf(zone)).toContain(await message.textContent());

      await zone.fill('Australia/Sydney');
      await operator.getByRole('button', { name: 'Save prize' }).click();
      await operator.getByRole('status').filter({ hasText: 'Saved. The prize is A$50.00 a week in Australia/Sydney' }).waitFor();
      expect(await seriousViolations(operator)).toEqual([]);

      // Anyone sees the prize and who leads this week: the demo's sales were made this week.
      const visitor = await newPage();
      await visitor.goto('/leaderboard');
      const prize = visitor.getByRole('region', { name: 'This week’s prize' });
      await prize.getByText('A$50.00').waitFor();
      await prize.getByRole('table', { name: 'This week’s standing' }).getByRole('rowheader').first().waitFor();
      expect(await seriousViolations(visitor)).toEqual([]);
    });
  });
  describe('charity giving', () => {
    it('an operator adds a charity; a creator gives a share of each royalty to it and sees the gift in the statement', async () => {
      const charityName = `Reef Rescue ${randomUUID().slice(0, 6)}`;
      const operator = await newPage();
      await signIn(operator, DEMO_OPERATOR);
      await operator.goto('/operator');
      await operator.getByRole('navigation', { name: 'Operator console' }).getByRole('link', { name: 'Charities' }).click();
      await operator.getByRole('heading', { name: 'Charities' }).waitFor();
      await operator.getByLabel('New charity').fill(charityName);
      await operator.getByRole('button', { name: 'Add charity' }).click();
      await operator
        .getByRole('status')
        .filter({ hasText: `${charityName} was added` })
        .waitFor();
      await operator
        .getByRole('table', { name: 'Charities' })
        .getByRole('row')
        .filter({ hasText: charityName })
        .getByText('Active')
        .waitFor();
      expect(await seriousViolations(operator)).toEqual([]);

      // Cleo gives 25 % of her royalties: Aussie Barbie earns 0.50 a pizza, of which 0.12 goes to the charity.
      const cleo = demo('cleo');
      const dashboard = await newPage();
      await signIn(dashboard, cleo);
      await dashboard.goto('/dashboard');
      const giving = dashboard.getByRole('region', { name: 'Giving' });
      await giving.getByLabel('Charity').selectOption({ label: charityName });
      const percent = giving.getByLabel('Percent');
      await percent.fill('101');
      await giving.getByRole('button', { name: 'Save giving' }).click();
      await giving.getByRole('alert').filter({ hasText: 'Enter a whole percent from 0 to 100.' }).waitFor();
      expect(await percent.getAttribute('aria-invalid')).toBe('true');
      await percent.fill('25');
      await giving.getByRole('button', { name: 'Save giving' }).click();
      await giving
        .getByRole('status')
        .filter({ hasText: `Saved. You give 25 % of your royalties to ${charityName}.` })
        .waitFor();
      expect(await seriousViolations(dashboard)).toEqual([]);

      // The demo shopper orders a pizza of hers, through the API.
      const call = async <T>(method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}) => {
        const response = await fetch(`${web.baseUrl}/api/v1${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return (await response.json()) as T;
      };
      const shopper = demo('shopper');
      const { tokens } = await call<{ tokens: { accessToken: string } }>('POST', '/auth/login', {
        email: shopper.email,
        password: shopper.password,
      });
      const { items } = await call<{ items: ProductView[] }>('GET', '/products?limit=100');
      const barbie = items.find((p) => p.name === 'Aussie Barbie');
      if (!barbie) throw new Error('the demo data has no Aussie Barbie');
      const order = await call<{ status: string }>(
        'POST',
        '/orders',
        { lines: [{ productId: barbie.id, quantity: 1 }], paymentToken: 'tok_success' },
        tokens.accessToken,
        { 'Idempotency-Key': randomUUID() },
      );
      expect(order.status).toBe('paid');

      // The gift arrives live: beside the royalty in the statement, and in the giving totals.
      const statement = dashboard.getByRole('table', { name: /^Statement for .* in AUD$/ });
      // (The demo order's royalty already gave 10 % to the demo charity: this gift is the new row of 0.12.)
      const gift = statement
        .getByRole('row')
        .filter({ hasText: 'Given to charity' })
        .filter({ hasText: formatMoney({ amount: -12, currency: 'AUD' }, 'en-US') });
      await gift.waitFor();
      await giving.getByText(/Given in AUD/).waitFor();

      // Off again, so other stories see her royalties whole.
      await percent.fill('0');
      await giving.getByRole('button', { name: 'Save giving' }).click();
      await giving.getByRole('status').filter({ hasText: 'You are not giving to a charity.' }).waitFor();
    });
  });
});
