/**
 * Screenshots of the main pages for docs/screenshots, in the three languages and at tablet width.
 * Runs only when asked: HOMEWARD_SCREENSHOTS=1 npx vitest run --project browser screenshots
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { hasChromium, launchChromium } from './support/browser.ts';
import {
  apiSession,
  confirmWithSecond,
  holdingMatchReviewer,
  seedProposals,
  type ApiCall,
} from './support/seed.ts';
import { ensureWebBuilt, webFront, type TestServer } from './support/server.ts';
import { apiSessionAs, startServerWithUsers, testPassword, type TestUser } from './support/users.ts';

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
  /** A case in contact, with a plan, messages and a reunification plan (for shots 16 on). */
  let caseId = '';
  let admin: ApiCall;

  const shot = async (name: string, fullPage = false) => {
    await page.waitForTimeout(400); // let transitions settle
    await page.screenshot({ path: join(outDir, `${name}.png`), fullPage });
  };
  const language = async (label: 'УКР' | 'РУС' | 'ENG') =>
    page.getByText(label, { exact: true }).first().click();

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    ensureWebBuilt();
    server = await startServerWithUsers([holdingCaseworker, holdingReviewer, holdingMatchReviewer]);
    front = await webFront(server);
    admin = await apiSession(server);
    const [first, second] = await seedProposals(admin, 2);
    proposalId = first!;
    caseId = await seedCaseInContact(admin, server.url, second!);
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
    // Two-person rule: the match waits for a reviewer of the party holding the dossier, who
    // approves it (here through the API); the case link then appears.
    await page.getByTestId('match-awaiting').waitFor();
    await shot('12b-match-awaiting-second-uk');
    const second = await apiSessionAs(server.url, holdingMatchReviewer.email, testPassword);
    await second('POST', `/matches/${proposalId}/confirm`, {});
    await page.reload();
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

  it('takes contact, messages, reunification, age-out, notifications and the report', async () => {
    await language('ENG');
    await page.goto(`${front.url}/cases/${caseId}/contact`);
    await page.locator('[data-testid="contact-row"][data-state="held"]').waitFor();
    await shot('16-case-contact-en', true);

    await language('УКР');
    await page.getByRole('tab', { name: 'Повідомлення' }).click();
    await page.locator('[data-testid="message"][data-status="pending-review"]').waitFor();
    await shot('17-case-messages-review-uk', true);

    await language('РУС');
    await page.getByRole('tab', { name: 'Воссоединение' }).click();
    await page.getByTestId('approvals').waitFor();
    await shot('18-case-reunification-approvals-ru', true);

    await language('ENG');
    await page.getByRole('navigation').getByRole('link', { name: 'Turning 18' }).click();
    await page.getByTestId('age-out-summary').waitFor();
    await page.waitForTimeout(600);
    await shot('19-age-out-queue-en');

    await page.getByRole('navigation').getByRole('link', { name: 'Notifications' }).click();
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    await page.waitForTimeout(600);
    await shot('20-notifications-en');

    await language('УКР');
    await page.getByRole('navigation').getByRole('link', { name: 'Звіт про контакти' }).click();
    await page.waitForTimeout(800);
    await shot('21-contact-report-uk');
  });

  it('takes verification, photos, the audit trail, the log and administration', async () => {
    await language('ENG');
    await page.getByRole('navigation').getByRole('link', { name: 'Verification', exact: true }).click();
    const row = page.locator('[data-testid="queue-row"][data-type="dossier"]').first();
    await row.waitFor();
    await page.waitForTimeout(600);
    await shot('22-verification-queue-en');

    await row.getByTestId('queue-link').click();
    await language('УКР');
    await page.getByTestId('statement').locator('[data-field]').first().waitFor();
    await shot('23-dossier-verification-attest-uk', true);

    const { items } = await admin<{ items: Array<{ id: string }> }>('POST', '/requests/search', { limit: 1 });
    await language('ENG');
    await page.goto(`${front.url}/requests/${items[0]!.id}`);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('photo-upload').click();
    await (await chooser).setFiles(join(outDir, '13-case-uk.png'));
    await page.getByTestId('photo').first().waitFor();
    await page.getByTestId('request-photos').scrollIntoViewIfNeeded();
    await shot('24-request-photos-en');

    await language('РУС');
    await page.getByRole('navigation').getByRole('link', { name: 'Журнал аудита', exact: true }).click();
    await page.getByTestId('audit-row').first().waitFor();
    await shot('25-audit-ru');

    await language('ENG');
    await page.getByRole('navigation').getByRole('link', { name: 'Log status', exact: true }).click();
    await page.getByTestId('log-size').waitFor();
    await shot('26-log-status-en');

    await page.getByRole('navigation').getByRole('link', { name: 'Administration', exact: true }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Regional registry exchange');
    await page.getByRole('combobox', { name: 'Permissions' }).click();
    await page.getByRole('option', { name: 'dossier.read', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Create the token' }).click();
    await page.getByRole('dialog').getByTestId('new-token').waitFor();
    await shot('27-admin-token-shown-once-en');
  });

  it('takes the reports, dossier history, sharing policy, user administration and exports pages', async () => {
    // The token dialog of the last picture is still open.
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await language('ENG');
    await page.getByRole('navigation').getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByTestId('report-headlines').waitFor();
    await page.waitForTimeout(600);
    await shot('28-reports-en', true);

    await page.getByRole('navigation').getByRole('link', { name: 'Children (dossiers)' }).click();
    await page.getByRole('searchbox', { name: 'Search by name' }).fill('Aleksandr');
    await page.getByTestId('dossier-row').getByRole('link', { name: /Александр|Олександр/ }).first().click();
    await language('УКР');
    await page.getByRole('tab', { name: 'Історія' }).click();
    await page.getByTestId('dossier-history-row').first().waitFor();
    await shot('29-dossier-history-uk');

    await language('ENG');
    await page.getByRole('navigation').getByRole('link', { name: 'Sharing policy', exact: true }).click();
    await page.getByTestId('policy-matrix').waitFor();
    await shot('30-sharing-policy-en', true);

    await language('РУС');
    await page.getByRole('navigation').getByRole('link', { name: 'Администрирование', exact: true }).click();
    await page.getByRole('tab', { name: 'Пользователи' }).click();
    await page.getByTestId('user-row').first().waitFor();
    await shot('31-admin-users-ru');

    await language('ENG');
    await page.getByRole('navigation').getByRole('link', { name: 'Exports', exact: true }).click();
    await page.getByTestId('export-create').click();
    await page.getByTestId('export-passphrase').waitFor();
    await shot('32-export-passphrase-shown-once-en');
  });
});

const holdingCaseworker: TestUser = {
  email: 'holding.caseworker@demo.homeward.invalid',
  party: 'RU-DEMO',
  roles: ['caseworker'],
  name: 'Holding caseworker',
};
const holdingReviewer: TestUser = {
  email: 'holding.comms@demo.homeward.invalid',
  party: 'RU-DEMO',
  roles: ['communications-officer'],
  name: 'Holding communications officer',
};

/**
 * A second case, moved to "in contact" by the demo administrator (family's side): a contact plan
 * with one held contact, an approved message each way and one awaiting review, and a
 * reunification plan the family's side has approved.
 */
async function seedCaseInContact(admin: ApiCall, url: string, proposal: string): Promise<string> {
  // Two-person rule: a match reviewer of the holding party confirms it too.
  await confirmWithSecond(admin, await apiSessionAs(url, holdingMatchReviewer.email, testPassword), proposal);
  const { items } = await admin<{ items: Array<{ id: string; matchProposalId: string; version: number }> }>(
    'GET',
    '/cases?limit=50',
  );
  const c = items.find((x) => x.matchProposalId === proposal)!;
  let version = c.version;
  for (const to of ['verified', 'in-contact'])
    version = (await admin<{ version: number }>('POST', `/cases/${c.id}/transitions`, { to, version }))
      .version;
  const holding = await apiSessionAs(url, holdingCaseworker.email, testPassword);
  const reviewer = await apiSessionAs(url, holdingReviewer.email, testPassword);
  const me = (call: ApiCall) => call<{ user: { id: string } }>('GET', '/auth/me').then((m) => m.user.id);
  await admin('POST', `/cases/${c.id}/contact-plan`, {
    channel: 'video-call',
    intervalDays: 7,
    languages: ['uk'],
    interpreterNeeded: false,
    holdingSupervisorId: await me(holding),
    familySupervisorId: await me(admin),
  });
  const contact = await admin<{ occurrences: Array<{ id: string; dueAt: string }> }>(
    'GET',
    `/cases/${c.id}/contact`,
  );
  const due = contact.occurrences.find((o) => new Date(o.dueAt) <= new Date())!;
  await admin('POST', `/contact-occurrences/${due.id}/record`, {
    outcome: 'held',
    durationMinutes: 35,
    notes: 'Talked about school and the journey home.',
    wellbeing: 'Calm and cheerful; asked about her grandmother.',
  });
  const fromFamily = await admin<{ id: string }>('POST', `/cases/${c.id}/messages`, {
    body: 'Hello, sunshine! Grandma sends you a big hug. We are counting the days.',
  });
  await reviewer('POST', `/messages/${fromFamily.id}/review`, { decision: 'approve' });
  await holding('POST', `/cases/${c.id}/messages`, {
    body: 'I got your letter. I am learning to draw. See you soon!',
  });
  const view = await admin<{ plan: { contentHash: string; id: string } }>(
    'POST',
    `/cases/${c.id}/reunification-plan`,
    {
      route: 'By bus to the border crossing, then by car to Kharkiv.',
      escort: 'A social worker of the holding authority',
      handoverPoint: 'Border crossing, mediator’s office',
      handoverAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      receivingAdult: { name: 'Olena Marchenko', relationship: 'grandparent' },
      documents: [
        { item: 'Birth certificate', required: true, done: true },
        { item: 'Travel document', required: true, done: false },
        { item: 'Medical record', required: false, done: false },
      ],
    },
  );
  await admin('POST', `/reunification-plans/${view.plan.id}/approve`, { contentHash: view.plan.contentHash });
  return c.id;
}
