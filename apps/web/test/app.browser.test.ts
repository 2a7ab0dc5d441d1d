/**
 * The web application in Chromium against a real server on a fresh data folder: sign-in with
 * two-factor set-up, dossier search across scripts, a withheld field, the language switch, filing
 * a tracing request, errors in words, and signing in again with a recovery code.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './support/browser.ts';
import { ensureWebBuilt, startServer, webFront, type TestServer } from './support/server.ts';
import { totp } from './support/totp.ts';

if (!hasChromium) console.log(skipReason);

describe.skipIf(!hasChromium)('web application in Chromium', () => {
  let server: TestServer;
  let front: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let recoveryCode = '';

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    front = await webFront(server);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // A CSP violation is reported on the console: the app must cause none.
    page.on(
      'console',
      (m) =>
        m.type() === 'error' &&
        /Content Security Policy|script-src/.test(m.text()) &&
        pageErrors.push(m.text()),
    );
    await page.goto(front.url + '/');
  });

  afterAll(async () => {
    await browser?.close();
    await front?.stop();
    await server?.stop();
  });

  const signIn = async (password: string) => {
    await page.getByLabel(/^E-mail address/).fill(server.email);
    await page.getByLabel(/^Password/).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  it('explains a wrong password in words', async () => {
    await signIn('not-the-password');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('The e-mail address or password is wrong.');
  });

  it('signs in, sets up two-step verification and shows who and where I am', async () => {
    await signIn(server.password);
    const key = page.getByTestId('totp-secret');
    const dashboard = page.getByRole('heading', { name: 'What awaits you' });
    await key.or(dashboard).waitFor();
    // Demo parties do not require two-step verification; the user sets it up from the menu.
    if (await dashboard.isVisible())
      await page.getByRole('link', { name: 'Set up two-step verification' }).click();
    await key.waitFor();
    await page.getByLabel(/^Code from the app/).fill(totp((await key.textContent())!));
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    recoveryCode = (await codes.first().textContent())!.trim();
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page.getByRole('heading', { name: 'What awaits you' }).waitFor();
    const who = page.getByTestId('who-am-i');
    expect(await who.getByTestId('party-name').textContent()).toMatch(/demo/i);
    expect(await who.getByTestId('role').allTextContents()).toContain('Administrator');
  });

  it('finds a Cyrillic dossier from a Latin spelling and marks the withheld address', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Children (dossiers)' }).click();
    await page.getByRole('searchbox', { name: 'Search by name' }).fill('Aleksandr');
    const hit = page
      .getByTestId('dossier-row')
      .getByRole('link', { name: /Александр|Олександр/ })
      .first();
    await hit.waitFor();
    await hit.click();
    await page.getByRole('tab', { name: 'Identity' }).waitFor();
    const address = page.locator('[data-field="currentLocation.address"]');
    await address.locator('[data-withheld]').waitFor();
    expect(await address.textContent()).toContain('Withheld');
    await page.getByRole('tab', { name: 'Verification' }).click();
    expect(await page.getByTestId('verified').textContent()).toMatch(/Verified|Not verified yet/);
    // Its history: the import that created it, with field names and never values.
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('dossier-history-row').first().waitFor();
    expect(await page.getByTestId('dossier-history-row').last().getAttribute('data-action')).toBe('dossier.create');
    await page.getByRole('tab', { name: 'Matches' }).click();
    await page.getByRole('table', { name: 'Match proposals for this dossier' }).or(page.getByText('No match has been proposed for this dossier.')).waitFor();
    await page.getByRole('tab', { name: 'Identity' }).click();
  });

  it('shows the reports page with suppressed charts', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByTestId('report-headlines').waitFor();
    expect(await page.getByTestId('category-chart').count()).toBeGreaterThanOrEqual(4);
    await page.getByLabel('From month').fill('2026-05');
    await page.getByLabel('To month (included)').fill('2026-01');
    await page.getByText('The first month must not be after the last.').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Children (dossiers)' }).click();
    await page.getByRole('searchbox', { name: 'Search by name' }).fill('Aleksandr');
    await page.getByTestId('dossier-row').getByRole('link', { name: /Александр|Олександр/ }).first().click();
    await page.getByRole('tab', { name: 'Identity' }).waitFor();
  });

  it('switches the whole interface to Ukrainian and Russian', async () => {
    await page.getByText('УКР', { exact: true }).click();
    await page.getByRole('tab', { name: 'Особа' }).waitFor();
    expect(await page.locator('[data-field="currentLocation.address"]').textContent()).toContain('Приховано');
    expect(await page.getByRole('navigation').textContent()).toContain('Запити на розшук');
    expect(await page.locator('html').getAttribute('lang')).toBe('uk');

    await page.getByText('РУС', { exact: true }).click();
    await page.getByRole('tab', { name: 'Личность' }).waitFor();
    expect(await page.locator('[data-field="currentLocation.address"]').textContent()).toContain('Скрыто');
    expect(await page.getByRole('navigation').textContent()).toContain('Запросы о розыске');

    await page.getByText('ENG', { exact: true }).click();
    await page.getByRole('tab', { name: 'Identity' }).waitFor();
  });

  it('refuses a birth date in the future in words, then files the request and lists it', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'New tracing request' }).click();
    await page.getByLabel(/^Given name/).fill('Aleksandr');
    await page.getByTestId('candidate').first().waitFor();

    await page.getByLabel(/^Given name/).fill('Злата');
    await page.getByLabel(/^Family name/).fill('Браузерна');
    await page.getByLabel(/^Date of birth/).fill('2031-05-01');
    await page.getByLabel(/^Full name/).fill('Оксана Браузерна');
    await page.getByRole('combobox', { name: /^Relationship to the child/ }).click();
    await page.getByRole('option', { name: 'Mother' }).click();
    await page.getByRole('button', { name: 'File the tracing request' }).click();
    await page.getByTestId('form-errors').waitFor();
    await page.getByText('This date is in the future.').waitFor();

    await page.getByLabel(/^Date of birth/).fill('2016-05');
    await page.getByRole('button', { name: 'File the tracing request' }).click();
    await page.getByTestId('flash').waitFor();
    await page.getByTestId('request-row').filter({ hasText: 'Браузерна Злата' }).first().waitFor();
  });

  it('signs in again with a recovery code', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(server.password);
    await page.getByRole('button', { name: /recovery code/ }).click();
    await page.getByLabel(/^Recovery code/).fill(recoveryCode);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'What awaits you' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
