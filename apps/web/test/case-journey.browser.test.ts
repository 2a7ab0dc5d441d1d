/**
 * A case from contact to follow-up in Chromium against a real server: a caseworker of the
 * family's organisation makes a contact plan and records a held contact; the child's side relays
 * a message, a communications officer approves it and the family's caseworker reads it; both
 * sides approve the reunification plan, it starts, both record the handover, and the case is in
 * follow-up with three welfare checks. The bell then counts the notifications this brought.
 *
 * The family's caseworker and the communications officer use the browser (two contexts); the
 * child's side (holding party) acts through the API, as its own client would.
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
import { webFront, type TestServer } from './support/server.ts';
import { ensureWebBuilt } from './support/server.ts';
import { apiSessionAs, startServerWithUsers, testPassword, type TestUser } from './support/users.ts';

if (!hasChromium) console.log(skipReason);

const familyCaseworker: TestUser = {
  email: 'family.caseworker@demo.homeward.invalid',
  party: 'UA-DEMO',
  roles: ['caseworker'],
  name: 'Family caseworker',
};
const holdingCaseworker: TestUser = {
  email: 'holding.caseworker@demo.homeward.invalid',
  party: 'RU-DEMO',
  roles: ['caseworker'],
  name: 'Holding caseworker',
};
const commsOfficer: TestUser = {
  email: 'comms.officer@demo.homeward.invalid',
  party: 'UA-DEMO',
  roles: ['communications-officer'],
  name: 'Communications officer',
};

type View = {
  plan: { id: string; contentHash: string; version: number; status: string } | null;
  welfareChecks: unknown[];
};

describe.skipIf(!hasChromium)('a case from contact to follow-up in Chromium', () => {
  let server: TestServer;
  let front: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let family: Page;
  let reviewerContext: BrowserContext;
  let holding: ApiCall;
  let holdingUserId = '';
  let caseId = '';
  const pageErrors: string[] = [];
  const messageText = 'Hello mum, I am well and I miss you. See you soon!';

  const signIn = async (page: Page, email: string) => {
    await page.goto(front.url + '/');
    await page.getByLabel(/^E-mail address/).fill(email);
    await page.getByLabel(/^Password/).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who-am-i').waitFor();
  };

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServerWithUsers([
      familyCaseworker,
      holdingCaseworker,
      commsOfficer,
      holdingMatchReviewer,
    ]);
    front = await webFront(server);
    // The demo administrator (family's organisation) confirms a match; the case it opens is moved
    // on to "in contact", where contact, messages and reunification begin.
    const admin = await apiSession(server);
    const [proposalId] = await seedProposals(admin, 1);
    // Two-person rule: a match reviewer of the holding party confirms it too.
    const second = await apiSessionAs(server.url, holdingMatchReviewer.email, testPassword);
    await confirmWithSecond(admin, second, proposalId!, { reason: 'Same child.' });
    const cases = await admin<{
      items: Array<{ id: string; matchProposalId: string | null; version: number }>;
    }>('GET', '/cases?limit=50');
    const c = cases.items.find((x) => x.matchProposalId === proposalId)!;
    caseId = c.id;
    let version = c.version;
    for (const to of ['verified', 'in-contact'])
      version = (await admin<{ version: number }>('POST', `/cases/${caseId}/transitions`, { to, version }))
        .version;

    holding = await apiSessionAs(server.url, holdingCaseworker.email, testPassword);
    holdingUserId = (await holding<{ user: { id: string } }>('GET', '/auth/me')).user.id;

    browser = await launchChromium();
    family = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    family.on('pageerror', (e) => pageErrors.push(e.message));
    reviewerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await front?.stop();
    await server?.stop();
  });

  it('makes a contact plan and records a held contact', async () => {
    await signIn(family, familyCaseworker.email);
    await family.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await family.getByRole('link', { name: `Case ${caseId.slice(0, 8)}` }).click();
    await family.getByTestId('case-stepper').waitFor();
    await family.getByRole('tab', { name: 'Contact' }).click();
    expect(new URL(family.url()).pathname).toBe(`/cases/${caseId}/contact`);
    await family.getByText('There is no contact plan for this case yet.').waitFor();

    await family.getByRole('button', { name: 'Make a contact plan' }).click();
    const dialog = family.getByRole('dialog');
    // Homeward has no list of users: the caseworker's own side is filled in, the other is typed.
    expect(await dialog.getByLabel(/family’s side/).inputValue()).toMatch(/^[0-9a-f-]{36}$/);
    await dialog.getByLabel(/child’s side/).fill(holdingUserId);
    await dialog.getByLabel(/^Languages/).fill('uk, ru');
    await dialog.getByRole('button', { name: 'Save the plan' }).click();
    await dialog.waitFor({ state: 'detached' });

    const due = family.locator('[data-testid="contact-row"][data-state="due"]').first();
    await due.waitFor();
    await due.getByRole('button', { name: 'Record' }).click();
    const record = family.getByRole('dialog');
    await record.getByLabel(/^Duration/).fill('25');
    await record.getByLabel(/^Notes/).fill('Talked about school and the journey home.');
    await record.getByLabel(/^The child’s wellbeing/).fill('Cheerful, asked about her brother.');
    await record.getByRole('button', { name: 'Save the record' }).click();
    await family.locator('[data-testid="contact-row"][data-state="held"]').waitFor();
    expect(await family.locator('[data-figure="held"]').textContent()).toContain('1');
    expect(await family.getByTestId('contacts').textContent()).toContain(
      'Cheerful, asked about her brother.',
    );
  });

  it('delivers a message from the child’s side once a communications officer approves it', async () => {
    await holding('POST', `/cases/${caseId}/messages`, { body: messageText });

    // The family's caseworker does not see it while it waits for review.
    await family.getByRole('tab', { name: 'Messages' }).click();
    await family.getByText('No messages yet.').waitFor();

    const reviewer = await reviewerContext.newPage();
    reviewer.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(reviewer, commsOfficer.email);
    await reviewer.goto(`${front.url}/cases/${caseId}/messages`);
    const pending = reviewer.locator('[data-testid="message"][data-status="pending-review"]');
    await pending.waitFor();
    expect(await pending.textContent()).toContain(messageText);
    await pending.getByRole('button', { name: 'Approve and deliver' }).click();
    await reviewer.locator('[data-testid="message"][data-status="approved"]').waitFor();
    await reviewer.close();

    await family.reload();
    const delivered = family.locator('[data-testid="message"][data-status="approved"]');
    await delivered.waitFor();
    expect(await delivered.getByTestId('message-body').textContent()).toBe(messageText);
    expect(await delivered.textContent()).toContain('From the child to the family');
  });

  it('plans the reunification, which both sides approve and start', async () => {
    await family.getByRole('tab', { name: 'Reunification' }).click();
    await family.getByTestId('plan-create').click();
    const dialog = family.getByRole('dialog');
    await dialog
      .getByLabel(/^Route/)
      .fill('Bus from the children’s home to the border crossing, then by car.');
    await dialog.getByLabel(/^Escort/).fill('A social worker of the holding authority');
    await dialog.getByLabel(/^Handover point/).fill('Border crossing, mediator’s office');
    await dialog.getByLabel(/^Planned handover time/).fill('2026-12-15T10:00');
    await dialog.getByLabel(/^Receiving adult/).fill('Olena Marchenko');
    await dialog.getByRole('button', { name: 'Add a document' }).click();
    await dialog.getByRole('textbox', { name: 'Document 1', exact: true }).fill('Birth certificate');
    await dialog.getByRole('button', { name: 'Save the plan' }).click();
    await dialog.waitFor({ state: 'detached' });
    await family
      .locator('[data-testid="case-stepper"] [data-status="reunification-planned"][data-state="current"]')
      .waitFor();

    // Ticking a document done is progress, not a change of plan; then the family side approves.
    await family.getByTestId('documents').getByText('Birth certificate').click();
    await family.locator('[data-testid="documents"] input:checked').waitFor();
    const hash = (await family.getByTestId('content-hash').textContent())!;
    await family.getByTestId('plan-approve').click();
    await family
      .locator('[data-testid="approvals"] [data-side="family"][data-approval="approved"]')
      .waitFor();

    // The child's side approves the same content, through the API.
    const view = await holding<View>('GET', `/cases/${caseId}/reunification`);
    expect(hash.startsWith(view.plan!.contentHash.slice(0, 8))).toBe(true);
    await holding('POST', `/reunification-plans/${view.plan!.id}/approve`, {
      contentHash: view.plan!.contentHash,
    });

    await family.reload();
    await family
      .locator('[data-testid="approvals"] [data-side="holding"][data-approval="approved"]')
      .waitFor();
    await family.getByTestId('plan-start').click();
    await family
      .locator('[data-testid="case-stepper"] [data-status="in-transit"][data-state="current"]')
      .waitFor();
  });

  it('records both handovers: the case is in follow-up with three welfare checks', async () => {
    const view = await holding<View>('GET', `/cases/${caseId}/reunification`);
    await holding('POST', `/reunification-plans/${view.plan!.id}/handover`, {
      handedOverAt: new Date(Date.now() - 60_000).toISOString(),
      notes: 'Handed over at the crossing.',
    });
    await family.reload();
    await family.locator('[data-testid="handover"][data-side="holding"][data-done="yes"]').waitFor();
    const mine = family.locator('[data-testid="handover"][data-side="family"]');
    await mine.getByLabel(/^Notes/).fill('Received by her mother.');
    await mine.getByTestId('handover-submit').click();
    await family.locator('[data-testid="handover"][data-side="family"][data-done="yes"]').waitFor();
    await family
      .locator('[data-testid="case-stepper"] [data-status="follow-up"][data-state="current"]')
      .waitFor();
    await family.locator('[data-testid="welfare-row"]').nth(2).waitFor();
    expect(await family.locator('[data-testid="welfare-row"]').count()).toBe(3);
    expect(await family.getByTestId('welfare-checks').textContent()).toMatch(/Day 7.*Day 30.*Day 90/);
  });

  it('counts the notifications on the bell and lists them', async () => {
    await family.reload();
    const count = family.getByTestId('bell-count');
    await count.waitFor();
    expect(Number((await count.textContent())!.replace('+', ''))).toBeGreaterThan(0);
    await family.getByTestId('notification-bell').click();
    await family.getByRole('heading', { name: 'Notifications' }).waitFor();
    await family.getByTestId('notification').first().waitFor();
    const items = family.getByTestId('notification');
    const kinds = await Promise.all((await items.all()).map((e) => e.getAttribute('data-kind')));
    expect(kinds).toContain('message.delivered');
    expect(await family.getByTestId('notification').first().textContent()).not.toMatch(/notifications\./);
    // A message notification leads to the case's messages.
    const delivered = family.locator('[data-testid="notification"][data-kind="message.delivered"]');
    expect(await delivered.getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(
      `/cases/${caseId}/messages`,
    );
    await family.getByTestId('read-all').click();
    await count.waitFor({ state: 'detached' });
    expect(await family.locator('[data-testid="notification"][data-unread="true"]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
