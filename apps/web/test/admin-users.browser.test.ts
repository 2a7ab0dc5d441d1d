/**
 * User administration in Chromium against a real server on a fresh data folder, under the
 * two-person rule: the demo administrator creates an account with a role from the Users tab (the
 * role waits, the account holds none), cannot approve it themselves, and a second administrator of
 * the same organisation approves it in their own browser; the role then shows in both.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './support/browser.ts';
import { ensureWebBuilt, webFront, type TestServer } from './support/server.ts';
import { startServerWithUsers, testPassword, type TestUser } from './support/users.ts';

if (!hasChromium) console.log(skipReason);

const secondAdmin: TestUser = {
  email: 'second.admin@demo.homeward.invalid',
  party: 'UA-DEMO',
  roles: ['administrator'],
  name: 'Second administrator',
};
const newEmail = 'new.caseworker@demo.homeward.invalid';

describe.skipIf(!hasChromium)('user administration in Chromium', () => {
  let server: TestServer;
  let front: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let contextB: BrowserContext | undefined;
  const pageErrors: string[] = [];

  const row = (p: Page) => p.locator(`[data-testid="user-row"][data-email="${newEmail}"]`);

  async function openUsers(p: Page, email: string, password: string) {
    await p.getByLabel(/^E-mail address/).fill(email);
    await p.getByLabel(/^Password/).fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('navigation').getByRole('link', { name: 'Administration', exact: true }).click();
    await p.getByRole('heading', { name: 'Administration' }).waitFor();
    await p.getByRole('tab', { name: 'Users' }).click();
    await p.getByTestId('user-table').waitFor();
  }

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServerWithUsers([secondAdmin]);
    front = await webFront(server);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(front.url + '/');
  });

  afterAll(async () => {
    await contextB?.close();
    await browser?.close();
    await front?.stop();
    await server?.stop();
  });

  it('creates an account whose role waits for a second administrator, checking the password first', async () => {
    await openUsers(page, server.email, server.password);
    const form = page.getByTestId('user-create');
    await form.getByLabel(/^E-mail address/).fill(newEmail);
    await form.getByLabel(/^Name shown/).fill('New caseworker');
    await form.getByLabel(/^First password/).fill('Password123!');
    // Keyboard: the role checkbox is reached and ticked like any form control.
    await form.getByRole('checkbox', { name: 'Caseworker' }).focus();
    await page.keyboard.press('Space');
    expect(await form.getByRole('checkbox', { name: 'Caseworker' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Create the account' }).click();
    // Refused in the browser by the contract's rules, in words.
    await form.getByText('This password is too well known. Choose another one.').waitFor();

    await form.getByLabel(/^First password/).fill('blue kettle on a quiet train');
    await form.getByRole('button', { name: 'Create the account' }).click();
    expect(await form.getByTestId('user-created').textContent()).toContain(
      'Its roles wait for a second administrator.',
    );

    await row(page).waitFor();
    expect(await row(page).getAttribute('data-roles')).toBe('');
    expect(await row(page).textContent()).toContain('No role yet');
    const pending = row(page).getByTestId('user-pending');
    expect(await pending.textContent()).toContain('Awaiting a second administrator');
    expect(await pending.textContent()).toContain('Grant of: Caseworker');
    // The one who asked may withdraw it, not approve it.
    expect(await pending.getByRole('button', { name: 'Withdraw' }).count()).toBe(1);
    expect(await pending.getByRole('button', { name: 'Approve' }).count()).toBe(0);
  });

  it('lets a second administrator of the organisation approve it in their own browser', async () => {
    contextB = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const pageB = await contextB.newPage();
    pageB.on('pageerror', (e) => pageErrors.push(e.message));
    await pageB.goto(front.url + '/');
    await openUsers(pageB, secondAdmin.email, testPassword);

    const pending = row(pageB).getByTestId('user-pending');
    await pending.waitFor();
    await pending.getByRole('button', { name: 'Approve' }).click();
    const dialog = pageB.getByRole('dialog');
    await dialog.getByLabel('Reason (optional)').fill('Known colleague');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await pageB
      .locator(`[data-testid="user-row"][data-email="${newEmail}"][data-roles="caseworker"]`)
      .waitFor();
    expect(await row(pageB).getByTestId('user-pending').count()).toBe(0);
  });

  it('shows the role to the first administrator too, and no page errors', async () => {
    await page.getByRole('tab', { name: 'API tokens' }).click();
    await page.getByRole('tab', { name: 'Users' }).click();
    await page
      .locator(`[data-testid="user-row"][data-email="${newEmail}"][data-roles="caseworker"]`)
      .waitFor();
    // The manage dialog of the new account offers the role to revoke, and is labelled for screen readers.
    await row(page).getByRole('button', { name: 'Manage the account of New caseworker' }).click();
    const dialog = page.getByTestId('user-dialog');
    await dialog.waitFor();
    expect(
      await dialog.getByTestId('user-revoke-form').getByRole('checkbox', { name: 'Caseworker' }).count(),
    ).toBe(1);
    await page.keyboard.press('Escape');
    expect(pageErrors).toEqual([]);
  });
});
