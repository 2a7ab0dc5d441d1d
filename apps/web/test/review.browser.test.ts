/**
 * Match review and cases in Chromium against a real server on a fresh data folder, under the
 * two-person rule: a reviewer opens the queue, compares a proposal side by side and confirms it;
 * the proposal then waits for a second reviewer of the party holding the dossier, who approves it
 * in their own browser from the dashboard. The first reviewer follows the link to the case that
 * opened, moves it located → verified, takes a side exit that needs a reason, meets a version
 * conflict and a step only the reunification workflow takes. A second proposal, decided by
 * someone else meanwhile, shows the coded refusal in words.
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
import { apiSessionAs, startServerWithUsers, testPassword } from './support/users.ts';

if (!hasChromium) console.log(skipReason);

describe.skipIf(!hasChromium)('match review and cases in Chromium', () => {
  let server: TestServer;
  let front: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let call: ApiCall;
  /** The holding party's match reviewer (the second person), through the API. */
  let callB: ApiCall;
  let contextB: BrowserContext | undefined;
  const pageErrors: string[] = [];
  /** Proposals pairing a fresh request with the demo dossier it copies. */
  const proposals: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    // The two-person rule is on (the default): a match reviewer of the party holding the demo
    // dossiers gives the second approval.
    server = await startServerWithUsers([holdingMatchReviewer]);
    front = await webFront(server);
    call = await apiSession(server);
    callB = await apiSessionAs(server.url, holdingMatchReviewer.email, testPassword);
    proposals.push(...(await seedProposals(call, 2)));
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

  it('signs in and opens a proposal from the queue', async () => {
    expect(proposals).toHaveLength(2);
    await page.getByLabel(/^E-mail address/).fill(server.email);
    await page.getByLabel(/^Password/).fill(server.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Match review' }).click();
    await page.getByRole('heading', { name: 'Match review' }).waitFor();
    const row = page.locator(`[data-testid="match-row"][data-id="${proposals[0]}"]`);
    await row.waitFor();
    // The queue shows no names, only the kind, the probability and the assessment.
    expect(await row.textContent()).toMatch(/Request and dossier.*\d+%/);
    await row.getByRole('link', { name: /Review proposal/ }).click();
    expect(new URL(page.url()).pathname).toBe(`/matches/${proposals[0]}`);
  });

  it('compares both records and explains the score', async () => {
    const comparison = page.getByTestId('comparison');
    await comparison.waitFor();
    expect(await comparison.locator('[data-field="names"]').getAttribute('data-agreement')).toBe('same');
    expect(await comparison.locator('[data-field="birthDate"]').getAttribute('data-agreement')).toBe('same');
    const lines = page.getByTestId('evidence-line');
    expect(await lines.first().textContent()).toContain('Starting odds');
    expect(await lines.count()).toBeGreaterThan(3);
    expect(await page.getByTestId('final-probability').textContent()).toMatch(/Probability: \d+%/);
  });

  it('confirms the match, which then waits for a second reviewer of the holding party', async () => {
    await page.getByRole('button', { name: 'Confirm the match' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Reason \(optional\)/).fill('Same child: names, date and place of birth agree.');
    await dialog.getByRole('button', { name: 'Confirm the match' }).click();
    const awaiting = page.getByTestId('match-awaiting');
    await awaiting.waitFor();
    expect(await awaiting.getAttribute('data-view')).toBe('mine');
    expect(await awaiting.textContent()).toContain('Confirmed by you — waiting for a second reviewer of');
    expect(await page.locator('[data-status="awaiting-second"]').first().textContent()).toBe(
      'Awaiting a second reviewer',
    );
    // No case yet, and the first person is not offered the second approval.
    expect(await page.getByTestId('case-link').count()).toBe(0);
    expect(await page.getByTestId('approval-actions').count()).toBe(0);
  });

  it('the second reviewer approves from the dashboard, and the case opens', async () => {
    contextB = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const pageB = await contextB.newPage();
    pageB.on('pageerror', (e) => pageErrors.push(e.message));
    await pageB.goto(front.url + '/');
    await pageB.getByLabel(/^E-mail address/).fill(holdingMatchReviewer.email);
    await pageB.getByLabel(/^Password/).fill(testPassword);
    await pageB.getByRole('button', { name: 'Sign in' }).click();
    const item = pageB.locator(`[data-testid="approval"][data-subject="${proposals[0]}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('Same child: names, date and place of birth agree.');
    // Its subject: the match, shown to the holding party from the approval (it does not see the
    // family's request until the case opens).
    await item.getByRole('link', { name: /Match confirmation/ }).click();
    const awaiting = pageB.getByTestId('match-awaiting');
    await awaiting.waitFor();
    expect(await awaiting.getAttribute('data-view')).toBe('approve');
    await awaiting.getByRole('button', { name: 'Approve' }).click();
    const dialog = pageB.getByRole('dialog');
    await dialog.getByLabel(/^Reason \(optional\)/).fill('Our dossier: same child.');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await pageB.getByTestId('approval-answered').waitFor();
    expect(await pageB.getByTestId('approval-answered').textContent()).toContain('the match is confirmed');
    await pageB.getByTestId('case-link').waitFor();
    // Nothing more awaits B on the dashboard.
    await pageB.goto(front.url + '/');
    await pageB.getByTestId('approvals').getByText('No confirmation is waiting').waitFor();
    await pageB.close();
  });

  it('shows the first reviewer the confirmed match and the case it opened', async () => {
    await page.reload();
    await page.getByTestId('match-decided').waitFor();
    expect(await page.getByTestId('match-decided').textContent()).toContain('The match has been confirmed.');
    await page.getByTestId('case-link').click();
    await page.getByTestId('case-stepper').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    expect(await page.locator('[data-status="located"][data-state="current"]').count()).toBe(1);
    await page.getByRole('button', { name: 'Move to “Verified”' }).click();
    await page
      .locator('[data-testid="case-stepper"] [data-status="verified"][data-state="current"]')
      .waitFor();
  });

  it('asks for a reason before a side exit, then records it', async () => {
    await page.getByRole('button', { name: /Mark as “Declined”/ }).click();
    const dialog = page.getByRole('dialog');
    const submit = dialog.getByRole('button', { name: 'Move the case' });
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByLabel(/^Reason/).fill('The young woman does not want contact for now.');
    expect(await submit.isDisabled()).toBe(false);
    await submit.click();
    await page
      .locator('[data-testid="case-stepper"] [data-status="verified"][data-state="paused"]')
      .waitFor();
    expect(await page.getByTestId('side-exits').textContent()).toContain('Declined');
    expect(await page.getByTestId('case-history').textContent()).toContain(
      'The young woman does not want contact for now.',
    );
    // From a side exit the way back needs a reason too; closing is offered.
    await page.getByRole('button', { name: /Resume: “In contact”/ }).waitFor();
  });

  it('asks to reload when someone else moved the case, then explains the step it waits for', async () => {
    await page.getByRole('button', { name: /Resume: “In contact”/ }).click();
    await page
      .getByRole('dialog')
      .getByLabel(/^Reason/)
      .fill('She has changed her mind.');
    await page.getByRole('dialog').getByRole('button', { name: 'Move the case' }).click();
    await page
      .locator('[data-testid="case-stepper"] [data-status="in-contact"][data-state="current"]')
      .waitFor();

    // Another caseworker moves the case meanwhile; this page still holds the old version.
    const caseId = new URL(page.url()).pathname.split('/').pop()!;
    const { version } = await call<{ version: number }>('GET', `/cases/${caseId}`);
    await call('POST', `/cases/${caseId}/transitions`, { to: 'reunification-planned', version });
    await page.getByRole('button', { name: 'Move to “Reunification planned”' }).click();
    await page.getByTestId('version-conflict').waitFor();
    await page.getByRole('button', { name: 'Reload the case' }).click();
    await page
      .locator('[data-testid="case-stepper"] [data-status="reunification-planned"][data-state="current"]')
      .waitFor();
    const reserved = page.getByTestId('reserved');
    expect(await reserved.getByRole('button').isDisabled()).toBe(true);
    expect(await reserved.textContent()).toContain(
      'Starts when both parties approve and start the reunification plan.',
    );
  });

  it('lists the case and says so in words when someone else decided a proposal first', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Cases' }).click();
    await page.getByTestId('case-row').first().waitFor();
    expect(await page.getByTestId('case-row').first().textContent()).toContain('Reunification planned');

    await page.goto(`${front.url}/matches/${proposals[1]}`);
    await page.getByRole('button', { name: 'Reject the match' }).waitFor();
    await confirmWithSecond(call, callB, proposals[1]!);
    await page.getByRole('button', { name: 'Reject the match' }).click();
    const dialog = page.getByRole('dialog');
    const submit = dialog.getByRole('button', { name: 'Reject the match' });
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByLabel(/^Reason/).fill('Different mother named in the dossier.');
    await submit.click();
    await dialog.locator('[data-error-code="INVALID_TRANSITION"]').waitFor();
    expect(await dialog.textContent()).toContain('already been decided');
    expect(pageErrors).toEqual([]);
  });
});
