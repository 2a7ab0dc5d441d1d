/**
 * The contact calendar, the sharing policy page, the QR code at two-factor enrolment and the
 * withdrawal of one's own pending approval, in Chromium against a real server.
 *
 * A case of the demo parties is opened (two-person rule) and put "in contact"; its contact plan
 * is made through the API, as the family's caseworker's own client would. A sharing policy
 * version is proposed and agreed by one party, so that the page has signatures and log entries.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './support/browser.ts';
import {
  apiSession,
  confirmWithSecond,
  holdingMatchReviewer,
  seedProposals,
  type ApiCall,
} from './support/seed.ts';
import { ensureWebBuilt, webFront, type TestServer } from './support/server.ts';
import { apiSessionAs, startServerWithUsers, testPassword, type TestUser } from './support/users.ts';

if (!hasChromium) console.log(skipReason);

const familyCaseworker: TestUser = {
  email: 'cal.family.caseworker@demo.homeward.invalid',
  party: 'UA-DEMO',
  roles: ['caseworker'],
  name: 'Family caseworker',
};
const holdingCaseworker: TestUser = {
  email: 'cal.holding.caseworker@demo.homeward.invalid',
  party: 'RU-DEMO',
  roles: ['caseworker'],
  name: 'Holding caseworker',
};
const familyReviewer: TestUser = {
  email: 'cal.family.reviewer@demo.homeward.invalid',
  party: 'UA-DEMO',
  roles: ['match-reviewer'],
  name: 'Family match reviewer',
};

/** The calendar day ('YYYY-MM-DD') of an instant in Kyiv, where the browser is set. */
const kyivDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Kyiv',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
const nextDay = (key: string) =>
  new Date(Date.parse(`${key}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!hasChromium)('calendar, sharing policy, QR enrolment and withdrawal in Chromium', () => {
  let server: TestServer;
  let front: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let page: Page;
  let admin: ApiCall;
  let caseId = '';
  let requestId = '';
  let withdrawProposal = '';
  let withdrawApproval = '';
  let firstDueAt = '';
  const pageErrors: string[] = [];

  const signIn = async (p: Page, email: string) => {
    await p.goto(front.url + '/');
    await p.getByLabel(/^E-mail address/).fill(email);
    await p.getByLabel(/^Password/).fill(testPassword);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByTestId('who-am-i').waitFor();
  };
  /** A page in its own browser context (its own session cookie), in Kyiv, in English. */
  const newPage = async () => {
    const c = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/Kyiv',
    });
    contexts.push(c);
    const p = await c.newPage();
    p.on('pageerror', (e) => pageErrors.push(e.message));
    return p;
  };

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServerWithUsers([
      familyCaseworker,
      holdingCaseworker,
      familyReviewer,
      holdingMatchReviewer,
    ]);
    front = await webFront(server);
    admin = await apiSession(server);
    const [forCase, forWithdrawal] = await seedProposals(admin, 2);

    // A case in contact, with a plan made by the family's caseworker: its first contact is due today.
    const second = await apiSessionAs(server.url, holdingMatchReviewer.email, testPassword);
    await confirmWithSecond(admin, second, forCase!, { reason: 'Same child.' });
    const cases = await admin<{
      items: Array<{ id: string; matchProposalId: string | null; version: number; requestId: string }>;
    }>('GET', '/cases?limit=50');
    const c = cases.items.find((x) => x.matchProposalId === forCase)!;
    caseId = c.id;
    requestId = c.requestId;
    let version = c.version;
    for (const to of ['verified', 'in-contact'])
      version = (await admin<{ version: number }>('POST', `/cases/${caseId}/transitions`, { to, version }))
        .version;
    const family = await apiSessionAs(server.url, familyCaseworker.email, testPassword);
    const holding = await apiSessionAs(server.url, holdingCaseworker.email, testPassword);
    const familyId = (await family<{ user: { id: string } }>('GET', '/auth/me')).user.id;
    const holdingId = (await holding<{ user: { id: string } }>('GET', '/auth/me')).user.id;
    await family('POST', `/cases/${caseId}/contact-plan`, {
      channel: 'video-call',
      intervalDays: 7,
      languages: ['uk'],
      holdingSupervisorId: holdingId,
      familySupervisorId: familyId,
    });
    const contact = await family<{ occurrences: Array<{ dueAt: string }> }>(
      'GET',
      `/cases/${caseId}/contact`,
    );
    firstDueAt = contact.occurrences.map((o) => o.dueAt).sort()[0]!;

    // A match confirmed once by the family's reviewer: it waits for a second person.
    const reviewer = await apiSessionAs(server.url, familyReviewer.email, testPassword);
    const decided = await reviewer<{ status: string; approvalId: string | null }>(
      'POST',
      `/matches/${forWithdrawal}/confirm`,
      { reason: 'Birth certificate matches.' },
    );
    expect(decided.status).toBe('awaiting-second');
    withdrawProposal = forWithdrawal!;
    withdrawApproval = decided.approvalId!;

    // A sharing policy version proposed by the family's party and agreed (signed) by it alone.
    const me = await admin<{ party: { id: string } }>('GET', '/auth/me');
    await admin('POST', `/parties/${me.party.id}/keys`, {});
    const proposed = await admin<{ sha256: string }>('POST', '/sharing-policies', {
      format: 'homeward-sharing-policy',
      version: 'browser-test-1',
      parties: ['UA-DEMO', 'RU-DEMO'],
      rules: [
        {
          from: '*',
          to: '*',
          purposes: ['tracing', 'case-work'],
          legalBasis: 'public-task',
          dataPoints: ['dossier.names', 'dossier.birth'],
        },
      ],
    });
    await admin('POST', '/sharing-policies/browser-test-1/agree', { sha256: proposed.sha256 });

    browser = await launchChromium();
    page = await newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await front?.stop();
    await server?.stop();
  });

  it('shows the planned contact in the month calendar, moves by keyboard and lists the day', async () => {
    await signIn(page, familyCaseworker.email);
    await page.goto(`${front.url}/cases/${caseId}/contact`);
    const calendar = page.getByTestId('contact-calendar');
    await calendar.getByTestId('calendar-grid').waitFor();
    const day = kyivDay(firstDueAt);
    // The first contact is due now; near a month's end in Kyiv it may sit in the month before.
    const month = new Intl.DateTimeFormat('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${day.slice(0, 7)}-15T12:00:00Z`));
    if ((await calendar.getByTestId('calendar-month').textContent()) !== month)
      await calendar.getByRole('button', { name: 'Previous month' }).click();
    expect(await calendar.getByTestId('calendar-month').textContent()).toBe(month);

    const focusedDay = () => calendar.locator('td[data-day]:has(button:focus)').getAttribute('data-day');
    const cell = calendar.locator(`td[data-day="${day}"]`);
    expect(await cell.getAttribute('data-state')).toBe('due');
    const button = cell.getByRole('button');
    expect(await button.getAttribute('aria-label')).toMatch(/Video call, Due/);
    await button.click();
    const details = calendar.getByTestId('calendar-day');
    await details.locator('[data-testid="calendar-item"][data-state="due"]').waitFor();
    expect(await details.getByRole('button', { name: 'Record' }).count()).toBe(1);

    // Arrow keys move the one focused day; Page Down goes to the next month, where the plan's
    // later contacts are expected.
    await page.keyboard.press('ArrowRight');
    expect(await focusedDay()).toBe(nextDay(day));
    await page.keyboard.press('PageDown');
    await expect.poll(() => calendar.getByTestId('calendar-month').textContent()).not.toBe(month);
    expect(await focusedDay()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await calendar.locator('td[data-state="planned"]').count()).toBeGreaterThan(0);

    // In Ukrainian, the month is named as a Ukrainian calendar names it.
    await page.getByText('УКР', { exact: true }).click();
    await calendar.getByRole('button', { name: 'Цей місяць' }).click();
    const thisMonth = new Intl.DateTimeFormat('uk-UA', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${kyivDay(new Date().toISOString()).slice(0, 7)}-15T12:00:00Z`));
    expect(await calendar.getByTestId('calendar-month').textContent()).toBe(thisMonth);
    await page.getByText('ENG', { exact: true }).click();
    await calendar.getByRole('heading', { name: 'Contact calendar' }).waitFor();
  });

  it('lists the month as an agenda on a narrow screen', async () => {
    await page.setViewportSize({ width: 600, height: 900 });
    const agenda = page.getByTestId('calendar-agenda');
    await agenda.waitFor();
    expect(await page.getByTestId('calendar-grid').count()).toBe(0);
    expect(await agenda.getByTestId('calendar-item').count()).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('calendar-grid').waitFor();
  });

  it('shows an emergency suspension plainly, and expects no contact while it lasts', async () => {
    const holding = await apiSessionAs(server.url, holdingCaseworker.email, testPassword);
    await holding('POST', `/cases/${caseId}/contact-suspension`, { reason: 'Safeguarding concern raised.' });
    await page.reload();
    const notice = page.locator('[data-testid="contact-suspended"][data-kind="emergency"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Safeguarding concern raised.');
    await page.getByTestId('calendar-grid').waitFor();
    await page.getByTestId('contact-calendar').getByRole('button', { name: 'Next month' }).click();
    expect(await page.locator('td[data-state="planned"]').count()).toBe(0);
  });

  it('shows the sharing policy matrix with its versions, signatures and log entries', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Sharing policy' }).click();
    await page.getByRole('heading', { name: 'Sharing policy', level: 1 }).waitFor();
    // No agreed policy is in force: the built-in default governs and is shown first.
    const status = page.getByTestId('policy-status');
    expect(await status.getAttribute('data-status')).toBe('built-in');
    const matrix = page.getByTestId('policy-matrix');
    await matrix.waitFor();
    expect(
      await matrix.locator('tr[data-point="dossier.names"] td[data-shared="true"]').count(),
    ).toBeGreaterThan(0);
    expect(await matrix.locator('tr[data-point="dossier.names"]').textContent()).toContain(
      'Tracing — public task',
    );
    expect(await matrix.locator('tr[data-point="request.requester.contact"]').textContent()).toContain(
      'Never leaves its party',
    );

    await page.getByRole('combobox', { name: 'Version shown' }).click();
    await page.getByRole('option', { name: /browser-test-1/ }).click();
    expect(await status.getAttribute('data-status')).toBe('proposed');
    const agreements = page.getByTestId('policy-agreements');
    expect(await agreements.locator('tr[data-party="UA-DEMO"]').getAttribute('data-agreed')).toBe('yes');
    expect(await agreements.locator('tr[data-party="RU-DEMO"]').textContent()).toContain('Not yet agreed');
    const log = page.getByTestId('policy-log-entry');
    await log.first().waitFor();
    expect(await Promise.all((await log.all()).map((row) => row.getAttribute('data-event')))).toEqual([
      'proposed',
      'agreed',
    ]);
    expect(await page.locator('tr[data-point="dossier.biography"] td[data-shared="true"]').count()).toBe(0);
  });

  it('previews, from the request page, what each other party sees of the request', async () => {
    await page.goto(`${front.url}/requests/${requestId}`);
    await page.getByTestId('disclosure-preview-link').click();
    expect(new URL(page.url()).pathname).toBe(`/sharing/requests/${requestId}`);
    const preview = page.getByTestId('preview-table');
    const holdingColumn = preview.locator('th[data-party="RU-DEMO"]');
    await expect.poll(() => holdingColumn.getAttribute('data-visible')).toMatch(/true|false/);
    // Under the built-in policy a family's request stays with its party outside bundles.
    expect(await holdingColumn.getAttribute('data-visible')).toBe('false');
    expect(
      await preview
        .locator('tr[data-point="request.sought.names"] td[data-party="RU-DEMO"]')
        .getAttribute('data-seen'),
    ).toBe('hidden');
  });

  it('renders the enrolment QR code as an SVG with an accessible name, the key still typed by hand', async () => {
    await page.goto(`${front.url}/account/two-factor`);
    const qr = page.getByRole('img', {
      name: 'QR code for setting up two-step verification in an authenticator app',
    });
    await qr.waitFor();
    expect(await qr.and(page.locator('svg')).count()).toBe(1);
    expect(await qr.locator('path').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('totp-secret').textContent()).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  });

  it('lets the first reviewer withdraw a confirmation that waits for a second person', async () => {
    const reviewer = await newPage();
    await signIn(reviewer, familyReviewer.email);
    const mine = reviewer.locator(`[data-testid="my-approval"][data-subject="${withdrawProposal}"]`);
    await mine.waitFor();
    await mine.getByRole('link').click();
    const awaiting = reviewer.getByTestId('match-awaiting');
    await awaiting.waitFor();
    expect(await awaiting.getAttribute('data-view')).toBe('mine');
    await awaiting.getByRole('button', { name: 'Withdraw…' }).click();
    const dialog = reviewer.getByRole('dialog');
    await dialog.getByLabel(/^Reason/).fill('Confirmed the wrong pair.');
    await dialog.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    // Back in the queue as it was: open for a decision again.
    await reviewer.locator('[data-status="proposed"]').first().waitFor();
    expect(await reviewer.getByTestId('match-awaiting').count()).toBe(0);
    const approval = await admin<{ status: string; endReason: string }>(
      'GET',
      `/approvals/${withdrawApproval}`,
    );
    expect(approval).toMatchObject({ status: 'declined', endReason: 'Confirmed the wrong pair.' });
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
