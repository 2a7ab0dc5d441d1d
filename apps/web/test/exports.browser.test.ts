/**
 * A controlled export in Chromium against a real server on a fresh data folder: the demo
 * administrator makes a CSV export of dossiers, sees the passphrase once, downloads the .age file,
 * and the file opens with that passphrase to content carrying the export's watermark.
 */
import { Decrypter } from 'age-encryption';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, skipReason } from './support/browser.ts';
import { ensureWebBuilt, startServer, webFront, type TestServer } from './support/server.ts';

if (!hasChromium) console.log(skipReason);

describe.skipIf(!hasChromium)('controlled exports in Chromium', () => {
  let server: TestServer;
  let front: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer();
    front = await webFront(server);
    browser = await launchChromium();
    page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      acceptDownloads: true,
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(front.url + '/');
  });

  afterAll(async () => {
    await browser?.close();
    await front?.stop();
    await server?.stop();
  });

  it('makes an export, shows the passphrase once, and the downloaded file opens with it', async () => {
    await page.getByLabel(/^E-mail address/).fill(server.email);
    await page.getByLabel(/^Password/).fill(server.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'What awaits you' }).waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Exports', exact: true }).click();
    await page.getByRole('heading', { name: 'Exports', exact: true }).waitFor();
    await page.getByTestId('export-format').click();
    await page.getByRole('option', { name: 'CSV table' }).click();
    await page.getByTestId('export-create').click();

    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('export-passphrase').waitFor();
    expect(await dialog.textContent()).toContain('shown only now');
    const passphrase = (await dialog.getByTestId('export-passphrase').textContent())!.trim();
    expect(passphrase).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){5}$/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('link', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^homeward-export-[0-9a-f-]{36}\.csv\.age$/);
    const file = readFileSync((await download.path())!);
    const d = new Decrypter();
    d.addPassphrase(passphrase);
    const csv = await d.decrypt(file, 'text');
    const exportId = /homeward-export-([0-9a-f-]{36})/.exec(download.suggestedFilename())![1]!;
    expect(csv.split('\n')[0]).toContain(`# Homeward export ${exportId} `);
    expect(csv.split('\n').length).toBeGreaterThan(3);

    await dialog.getByRole('button', { name: 'I have stored the passphrase' }).click();
    const row = page.getByTestId('export-row').first();
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('available');
    expect(await row.textContent()).toContain(exportId);
    // Shown once: the passphrase is nowhere on the page any more.
    expect(await page.locator('body').textContent()).not.toContain(passphrase);
    expect(pageErrors).toEqual([]);
  });
});
