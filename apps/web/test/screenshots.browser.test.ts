/**
 * Screenshots of the main pages for docs/screenshots, in the three languages and at tablet width.
 * Runs only when asked: HOMEWARD_SCREENSHOTS=1 npx vitest run --project browser screenshots
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { hasChromium, launchChromium } from './support/browser.ts';
import { apiSession, seedProposals } from './support/seed.ts';
import { ensureWebBuilt, startServer, webFront, type TestServer } from './support/server.ts';

const outDir = resolve(import.meta.dirname, '../../../docs/screenshots');
const wanted = process.env.HOMEWARD_SCREENSHOTS === '1';
if (!wanted)
  console.log('screenshots: skipped; they only regenerate docs/screenshots when HOMEWARD_SCREENSHOTS=1');

describe.skipIf(!hasChromium || !wanted)('screenshots', () => {
  let server: TestServer;
  let front: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  let proposalId = '';

  const shot = async (name: string, fullPage = false) => {
    await page.waitForTimeout(400); // let transitions settle
    await page.screenshot({ path: join(outDir, `${name}.png`), fullPage });
  };
  const language = async (label: 'УКР' | 'РУС' | 'ENG') =>
    page.getByText(label, { exact: true }).first().click();

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    ensureWebBuilt();
    server = await startServer();
    front = await webFront(server);
    proposalId = (await seedProposals(await apiSession(server), 1))[0]!;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    await page.goto(front.url + '/');
  });

  afterAll(async () => {
    await browser?.close();
    await front?.stop();
    await server?.stop();
  });

  it('takes the main pages', async () => {
    await page.getByLabel(/^E-mail address/).fill(server.email);
    await shot('01-login-en');
    await page.getByLabel(/^Password/).fill(server.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('figure').nth(2).waitFor();
    await shot('02-dashboard-en');

    await page.getByRole('navigation').getByRole('link', { name: 'Children (dossiers)' }).click();
    await page.getByRole('searchbox').fill('Aleksandr');
    await page.getByTestId('dossier-row').first().waitFor();
    await page.waitForTimeout(600);
    await shot('03-dossier-search-en');

    await page
      .getByTestId('dossier-row')
      .getByRole('link', { name: /Александр|Олександр/ })
      .first()
      .click();
    await language('УКР');
    await page.getByRole('tab', { name: 'Особа' }).waitFor();
    await shot('04-dossier-identity-withheld-uk');
    await page.getByRole('tab', { name: 'Послуги' }).click();
    await shot('05-dossier-services-uk');

    await language('РУС');
    await page.getByRole('navigation').getByRole('link', { name: 'Запросы о розыске' }).click();
    await page.getByTestId('request-row').first().waitFor();
    await shot('06-requests-ru');

    await page.getByRole('navigation').getByRole('link', { name: 'Новый запрос о розыске' }).click();
    await page.getByLabel(/^Имя/).first().fill('Олександр');
    await page.getByLabel(/^Дата рождения/).fill('2031-02');
    await page.getByRole('button', { name: 'Подать запрос о розыске' }).click();
    await page.getByTestId('candidate').first().waitFor();
    await shot('07-new-request-errors-and-candidates-ru');

    await language('ENG');
    await page.getByRole('navigation').getByRole('link', { name: 'Tracing requests' }).click();
    await page.getByTestId('request-row').first().getByRole('link').click();
    await page.getByTestId('proposals').waitFor();
    await page.waitForTimeout(800);
    await shot('08-request-detail-en');

    await page.getByRole('link', { name: 'Set up two-step verification' }).click();
    await page.getByTestId('totp-secret').waitFor();
    await shot('09-two-step-setup-en');

    await page.setViewportSize({ width: 768, height: 1024 });
    await language('УКР');
    await page.goto(front.url + '/dossiers');
    await page.getByRole('searchbox').fill('Олена');
    await page.getByTestId('dossier-row').first().waitFor();
    await page.waitForTimeout(600);
    await shot('10-tablet-dossier-search-uk');

    await page.setViewportSize({ width: 1366, height: 900 });
    await language('ENG');
    await page.getByRole('navigation').getByRole('link', { name: 'Match review' }).click();
    await page.getByTestId('match-row').first().waitFor();
    await shot('11-match-queue-en');

    await page.goto(`${front.url}/matches/${proposalId}`);
    await page.getByTestId('waterfall').waitFor();
    await shot('12-match-review-en', true);

    await language('УКР');
    await page.getByRole('button', { name: 'Підтвердити збіг' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Підтвердити збіг' }).click();
    await page.getByTestId('case-link').click();
    await page.getByRole('button', { name: 'Перевести в стан «Перевірено»' }).click();
    await page.locator('[data-status="verified"][data-state="current"]').waitFor();
    await shot('13-case-uk');

    await language('РУС');
    await page.getByRole('button', { name: /Отметить как «Отказ»/ }).click();
    await page
      .getByRole('dialog')
      .getByLabel(/^Причина/)
      .fill('Девушка пока не хочет общаться.');
    await shot('14-case-side-exit-reason-ru');
    await page.getByRole('dialog').getByRole('button', { name: 'Изменить состояние дела' }).click();
    await page.locator('[data-status="verified"][data-state="paused"]').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Дела' }).click();
    await page.getByTestId('case-row').first().waitFor();
    await shot('15-cases-ru');
  });
});
