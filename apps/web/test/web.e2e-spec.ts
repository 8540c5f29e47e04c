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
  });
});
