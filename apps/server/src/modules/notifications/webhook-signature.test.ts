import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

const secret = 'whsec_test-secret';
const body = JSON.stringify({ id: 'e1', kind: 'contact.overdue' });
const at = new Date('2026-06-01T10:00:00Z');

describe('webhook signatures', () => {
  it('verifies what it signed, and says which time it signed', () => {
    const header = signWebhook(secret, body, at);
    expect(header).toMatch(/^t=1780308000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, header, body, at, 300)).toBe(true);
    expect(verifyWebhookSignature(secret, header, Buffer.from(body), new Date(at.getTime() + 299_000), 300)).toBe(true);
  });

  it('refuses a tampered body, another secret, or a forged header', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhookSignature(secret, header, body.replace('overdue', 'closed'), at, 300)).toBe(false);
    expect(verifyWebhookSignature('whsec_other', header, body, at, 300)).toBe(false);
    expect(verifyWebhookSignature(secret, header.replace(/t=\d+/, 't=1780308001'), body, at, 300)).toBe(false);
    expect(verifyWebhookSignature(secret, undefined, body, at, 300)).toBe(false);
    expect(verifyWebhookSignature(secret, 't=1780308000', body, at, 300)).toBe(false);
    expect(verifyWebhookSignature(secret, 'garbage', body, at, 300)).toBe(false);
  });

  it('refuses an old (replayed) or far-future timestamp', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhookSignature(secret, header, body, new Date(at.getTime() + 301_000), 300)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, new Date(at.getTime() - 301_000), 300)).toBe(false);
  });

  it('accepts any one matching v1 signature (room for a second secret during a change)', () => {
    const header = signWebhook(secret, body, at);
    const other = signWebhook('whsec_other', body, at).split(',')[1];
    expect(verifyWebhookSignature(secret, `${header},${other}`, body, at, 300)).toBe(true);
  });
});
