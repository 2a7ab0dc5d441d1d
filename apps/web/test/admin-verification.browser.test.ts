/**
 * Verification, audit and administration in Chromium against a real server on a fresh data
 * folder: the demo administrator sees counts on the overview, attests a dossier from the
 * verification queue; under the two-person rule nothing is signed until a second verifier of the
 * same organisation approves it in their own browser from the dashboard, and the claim then
 * becomes verified. The administrator finds that attestation in the audit viewer (signed in their
 * name, approved by the second verifier), and creates an API token (shown once) and revokes it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './support/browser.ts';
import { apiSession, seedProposals, type ApiCall } from './support/seed.ts';
import { ensureWebBuilt, webFront, type TestServer } from './support/server.ts';
import { apiSessionAs, startServerWithUsers, testPassword, type TestUser } from './support/users.ts';

/** The second verifier the two-person rule asks for: another verifier of the demo administrator's organisation. */
const secondVerifier: TestUser = {
  email: 'home.verifier@demo.homeward.invalid',
  party: 'UA-DEMO',
  roles: ['verifier'],
  name: 'Second verifier',
};

if (!hasChromium) console.log(skipReason);

describe.skipIf(!hasChromium)('verification, audit and administration in Chromium', () => {
  let server: TestServer;
  let front: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let call: ApiCall;
  let contextB: BrowserContext | undefined;
  const pageErrors: string[] = [];
  let dossierId = '';
  let adminId = '';
  let secondId = '';

  const card = (name: string) => page.locator(`[data-testid="await-card"][data-card="${name}"]`);
  const cardCount = async (name: string) => {
    await card(name).getByTestId('await-count').waitFor();
    return Number(await card(name).getAttribute('data-count'));
  };

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServerWithUsers([secondVerifier]);
    front = await webFront(server);
    call = await apiSession(server);
    adminId = (await call<{ user: { id: string } }>('GET', '/auth/me')).user.id;
    const callB = await apiSessionAs(server.url, secondVerifier.email, testPassword);
    secondId = (await callB<{ user: { id: string } }>('GET', '/auth/me')).user.id;
    await seedProposals(call, 1);
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

  it('shows what awaits the administrator on the overview, with counts', async () => {
    await page.getByLabel(/^E-mail address/).fill(server.email);
    await page.getByLabel(/^Password/).fill(server.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'What awaits you' }).waitFor();
    expect(await cardCount('matches')).toBeGreaterThanOrEqual(1);
    expect(await cardCount('attestations')).toBeGreaterThan(0);
    for (const c of ['open-requests', 'messages', 'overdue-contacts', 'age-out', 'notifications'])
      expect(await cardCount(c)).toBeGreaterThanOrEqual(0);
    // Headline figures from the report summary.
    await page.getByTestId('figure').nth(5).waitFor();
    expect(
      Number((await page.getByTestId('figure').first().textContent())!.replace(/\D/g, '')),
    ).toBeGreaterThan(0);
  });

  it('attests a dossier from the verification queue: nothing is signed until a second verifier approves', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Verification', exact: true }).click();
    await page.getByRole('heading', { name: 'Verification', exact: true }).waitFor();
    const row = page.locator('[data-testid="queue-row"][data-type="dossier"]').first();
    await row.waitFor();
    dossierId = (await row.getAttribute('data-id'))!;
    expect(await row.textContent()).toContain('Services overview');
    await row.getByTestId('queue-link').click();
    expect(new URL(page.url()).pathname).toBe(`/dossiers/${dossierId}`);

    // The dossier opens on its verification tab.
    const claim = page.locator('[data-testid="claim"][data-claim="services-overview-verified"]');
    await claim.waitFor();
    expect(await claim.getByTestId('claim-state').getAttribute('data-state')).toBe('awaiting');

    const form = page.getByTestId('attest-form');
    await form.getByLabel('Claim', { exact: true }).click();
    await page.getByRole('option', { name: 'Services overview' }).click();
    // Exactly what is signed: the covered field with its current value.
    const statement = form.getByTestId('statement');
    await statement.locator('[data-field="services"]').waitFor();
    expect(await statement.textContent()).toContain('Services overview');
    await form.getByRole('button', { name: 'Sign the statement' }).click();
    // Two-person rule: the statement waits for a second verifier of the organisation, in words.
    const awaiting = form.getByTestId('attest-awaiting');
    await awaiting.waitFor();
    expect(await awaiting.textContent()).toContain('awaits a second verifier of your organisation');
    const mine = page.locator('[data-testid="pending-attestation"][data-view="mine"]');
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Services overview — Verified');
    expect(await mine.getByTestId('approval-actions').count()).toBe(0);
    expect(await claim.getByTestId('claim-state').getAttribute('data-state')).toBe('awaiting');
    expect(await claim.getByTestId('attestation').count()).toBe(0);
  });

  it('the second verifier approves from the dashboard, which signs the statement', async () => {
    contextB = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const pageB = await contextB.newPage();
    pageB.on('pageerror', (e) => pageErrors.push(e.message));
    await pageB.goto(front.url + '/');
    await pageB.getByLabel(/^E-mail address/).fill(secondVerifier.email);
    await pageB.getByLabel(/^Password/).fill(testPassword);
    await pageB.getByRole('button', { name: 'Sign in' }).click();
    const item = pageB.locator(`[data-testid="approval"][data-subject="${dossierId}"]`);
    await item.waitFor();
    expect(await item.textContent()).toContain('Verification statement (attestation)');
    expect(await item.getByTestId('approval-attestation').textContent()).toBe('Services overview — Verified');
    await item.getByRole('button', { name: 'Approve' }).click();
    const dialog = pageB.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await pageB.getByTestId('approvals').getByText('No confirmation is waiting').waitFor();
    await pageB.close();
  });

  it('shows the first verifier the claim verified, signed in their name', async () => {
    await page.reload();
    await page.getByRole('tab', { name: 'Verification' }).click();
    const claim = page.locator('[data-testid="claim"][data-claim="services-overview-verified"]');
    await claim.locator('[data-testid="claim-state"][data-state="verified"]').waitFor();
    expect(await page.getByTestId('pending-attestations').count()).toBe(0);
    const attestation = claim.getByTestId('attestation');
    await attestation.first().waitFor();
    expect(await attestation.count()).toBe(1);
    expect(await attestation.textContent()).toContain('your organisation');
    expect(await attestation.getByTestId('attestation-check').textContent()).toBe('Valid');

    // The queue no longer asks for this claim of this dossier.
    await page.getByRole('navigation').getByRole('link', { name: 'Verification', exact: true }).click();
    // The page may first show the queue it had cached, then the refetched one: wait for the latter.
    const again = page.locator(`[data-testid="queue-row"][data-id="${dossierId}"]`);
    await again.waitFor();
    await expect.poll(async () => (await again.count()) === 0 || !(await again.textContent())?.includes('Services overview'), { timeout: 10_000 }).toBe(true);
  });

  it('finds the attestation in the audit viewer', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Audit trail', exact: true }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await page.getByRole('textbox', { name: 'Action' }).fill('attestation.create');
    await page.getByRole('textbox', { name: 'Record id' }).fill(dossierId);
    await page.getByRole('button', { name: 'Show' }).click();
    const row = page.locator(
      `[data-testid="audit-row"][data-action="attestation.create"][data-record-id="${dossierId}"]`,
    );
    await row.waitFor();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(1);
    expect(await row.textContent()).toContain('claim: services-overview-verified');
    // Signed in the administrator's name; the entry is the act of the second verifier who approved it.
    expect(await row.textContent()).toContain(`attestedBy: ${adminId}`);
    expect(await row.textContent()).toContain(`approvedBy: ${secondId}`);
    expect(await row.textContent()).toContain(`user ${secondId.slice(0, 8)}`);
  });

  it('creates an API token, shown once, and revokes it', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Administration', exact: true }).click();
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('Browser test exchange');
    await page.getByRole('combobox', { name: 'Permissions' }).click();
    await page.getByRole('option', { name: 'dossier.read', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Create the token' }).click();
    const dialog = page.getByRole('dialog');
    const token = (await dialog.getByTestId('new-token').textContent())!;
    expect(token).toMatch(/^hwt_/);
    expect(await dialog.textContent()).toContain('shown only now');
    await dialog.getByRole('button', { name: 'I have stored it' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.locator('[data-testid="token-row"][data-name="Browser test exchange"]');
    await row.waitFor();
    expect(await row.getAttribute('data-state')).toBe('active');
    // Shown once: the token itself is nowhere on the page any more.
    expect(await page.locator('body').textContent()).not.toContain(token);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page
      .locator('[data-testid="token-row"][data-name="Browser test exchange"][data-state="revoked"]')
      .waitFor();
    // The server agrees: the token no longer opens anything.
    const r = await fetch(`${server.url}/api/v1/dossiers?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.status).toBe(401);
  });

  it('shows the attestation count one claim lower on the overview, and no page errors', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Overview', exact: true }).click();
    await card('attestations').getByTestId('await-count').waitFor();
    const { items } = await call<{ items: Array<{ subjectId: string; claim: string }> }>(
      'GET',
      '/verification/queue?limit=100',
    );
    expect(items.some((i) => i.subjectId === dossierId && i.claim === 'services-overview-verified')).toBe(
      false,
    );
    expect(pageErrors).toEqual([]);
  });
});
