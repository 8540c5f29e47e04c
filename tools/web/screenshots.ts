import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { infraDown, infraUp } from '../infra';
import { loadDemoData } from '../platform/demo-data';
import { DEMO_ACCOUNTS, DEMO_OPERATOR, PIZZA_LISTING } from '../platform/demo/catalogue';
import { startBrowserPlatform } from '../testing/browser';

/**
 * `npm run screenshots`: the README's pictures of the web app (docs/screenshots/*.png), taken of
 * the demo data in Debian's Chromium over a throwaway platform (fresh databases, the local Kafka).
 * Only the visible part of each page is kept, so each file stays small.
 */
const OUT_DIR = join(__dirname, '..', '..', 'docs', 'screenshots');
const DESKTOP = { width: 1200, height: 760 };
const PHONE = { width: 360, height: 740 };
const ada = DEMO_ACCOUNTS.find((a) => a.key === 'ada')!;

interface Shot {
  name: string;
  viewport: typeof DESKTOP;
  /** Shows the page, as a person gets there, and waits until it has its data. */
  show: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  {
    name: 'shop',
    viewport: DESKTOP,
    show: async (page) => {
      await page.goto('/');
      await page.getByRole('list', { name: 'Designs' }).waitFor();
    },
  },
  {
    name: 'studio',
    viewport: DESKTOP,
    show: async (page) => {
      await page.goto('/studio/new');
      await page.getByLabel('Listing').selectOption({ label: `${PIZZA_LISTING.title} (${PIZZA_LISTING.category})` });
      await page.getByLabel('Name', { exact: true }).fill('Garlic Prawn Fiesta');
      for (const option of ['Thin & crispy', 'Garlic cream']) await page.getByRole('radio', { name: option }).check();
      for (const option of ['Mozzarella', 'Garlic prawns', 'Fresh chilli', 'Fresh basil'])
        await page.getByRole('checkbox', { name: option }).check();
      await page.getByLabel(/^Royalty per unit/).fill('1.10');
      await page.getByRole('region', { name: 'Price' }).scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'dashboard',
    viewport: DESKTOP,
    show: async (page) => {
      await page.goto('/dashboard');
      await page.getByText('Live earnings: connected').waitFor();
      await page.getByRole('table', { name: /^Statement for / }).waitFor();
    },
  },
  {
    name: 'leaderboard-phone',
    viewport: PHONE,
    show: async (page) => {
      await page.goto('/leaderboard');
      await page.getByRole('table', { name: 'Top creators' }).waitFor();
    },
  },
  {
    name: 'design-phone',
    viewport: PHONE,
    show: async (page) => {
      await page.goto('/');
      await page.getByRole('list', { name: 'Designs' }).getByRole('link', { name: 'Spicy Meat Feast', exact: true }).click();
      await page.getByRole('button', { name: 'Place order' }).waitFor();
    },
  },
];

async function main(): Promise<void> {
  const infra = await infraUp((line) => console.log(`[infra] ${line}`));
  process.env.KAFKA_BROKERS = infra.brokers;
  const web = await startBrowserPlatform({ firstOperatorEmail: DEMO_OPERATOR.email });
  try {
    await loadDemoData(web.baseUrl, (line) => console.log(`[demo] ${line}`));
    const context = await web.browser.newContext({ baseURL: web.baseUrl, locale: 'en-AU', colorScheme: 'light' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    // Signed in as a demo creator, so the header shows the studio and the dashboard.
    await page.goto('/signin');
    await page.getByLabel('Email').fill(ada.email);
    await page.getByLabel('Password').fill(ada.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    mkdirSync(OUT_DIR, { recursive: true });
    for (const shot of SHOTS) {
      await page.setViewportSize(shot.viewport);
      await shot.show(page);
      const path = join(OUT_DIR, `${shot.name}.png`);
      await page.screenshot({ path, animations: 'disabled' });
      console.log(`[screenshots] ${path}`);
    }
    await context.close();
  } finally {
    await web.close();
    if (infra.startedKafka) await infraDown((line) => console.log(`[infra] ${line}`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
