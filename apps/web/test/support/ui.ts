import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Locator, Page } from 'playwright-core';

/** Where the spec writes its screenshots (ignored by git); `npm run screenshots` copies a few to docs/. */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', '..', 'dist', 'screenshots');

export const DESKTOP = { width: 1280, height: 800 };
/** The narrowest phone the pages are made for. */
export const PHONE = { width: 360, height: 740 };

export interface Person {
  displayName: string;
  email: string;
  password: string;
}

/** Fills the sign-up form as a person would and sends it. */
export async function fillSignUp(page: Page, person: Person): Promise<void> {
  await page.getByLabel('Name shown to others').fill(person.displayName);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
}

/** Signs up through the form and waits until the header shows the new account. */
export async function signUp(page: Page, person: Person): Promise<void> {
  await page.goto('/signup');
  await fillSignUp(page, person);
  await signedInAs(page, person).waitFor();
}

/** Signs in through the form and waits until the header shows the account. */
export async function signIn(page: Page, person: Pick<Person, 'email' | 'password'> & { displayName: string }): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await signedInAs(page, person).waitFor();
}

/** The header's sign-out button, shown once someone is signed in, with their name beside it. */
export function signedInAs(page: Page, person: { displayName: string }): Locator {
  return page.getByRole('banner').filter({ hasText: person.displayName }).getByRole('button', { name: 'Sign out' });
}

/** The text of what describes a control (its hint and the API's messages about it), via aria-describedby. */
export function descriptionOf(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? (element.ownerDocument.getElementById(id)?.textContent ?? '') : ''))
      .join(' ')
      .trim(),
  );
}

/** Accessibility violations of serious or critical impact on the page as it is, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How many CSS pixels the document is wider than the viewport (0 when nothing scrolls sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
}

/** Writes a full-page screenshot to dist/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}
