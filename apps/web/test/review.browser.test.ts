/**
 * Match review and cases in Chromium against a real server on a fresh data folder: a reviewer
 * opens the queue, compares a proposal side by side, confirms it, follows the link to the case
 * that opened, moves it located → verified, takes a side exit that needs a reason, meets a
 * version conflict and a step only the reunification workflow takes. A second proposal, decided
 * by someone else meanwhile, shows the coded refusal in words.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './support/browser.ts';
import { apiSession, seedProposals, type ApiCall } from './support/seed.ts';
import { ensureWebBuilt, startServer, webFront, type TestServer } from './support/server.ts';

if (!hasChromium) console.log(skipReason);

describe.skipIf(!hasChromium)('match review and cases in Chromium', () => {
  let server: TestServer;
  let front: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let call: ApiCall;
  const pageErrors: string[] = [];
  /** Proposals pairing a fresh request with the demo dossier it copies. */
  const proposals: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    // The match page does not show `awaiting-second` yet (apps/web/src, another change): this
    // journey runs with the two-person rule off until it does. Its server path has its own tests.
    process.env.HOMEWARD_TWO_PERSON = 'off';
    server = await startServer();
    delete process.env.HOMEWARD_TWO_PERSON;
    front = await webFront(server);
    call = await apiSession(server);
    proposals.push(...(await seedProposals(call, 2)));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(front.url + '/');
  });

  afterAll(async () => {
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

  it('confirms the match and follows the link to the case it opened', async () => {
    await page.getByRole('button', { name: 'Confirm the match' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Reason \(optional\)/).fill('Same child: names, date and place of birth agree.');
    await dialog.getByRole('button', { name: 'Confirm the match' }).click();
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
    await call('POST', `/matches/${proposals[1]}/confirm`, {});
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
