import { describe, expect, it } from 'vitest';
import { webhookUrlIssues } from './webhook-url.ts';

describe('webhook URLs', () => {
  it('accepts https anywhere and plain http only to this machine', () => {
    for (const ok of ['https://hooks.example.org/homeward', 'https://10.0.0.5:8443/x?y=1', 'http://127.0.0.1:9000/hook', 'http://localhost/hook', 'http://[::1]:8080/']) {
      expect(webhookUrlIssues(ok), ok).toEqual([]);
    }
  });

  it('refuses other schemes, plain http elsewhere, credentials and junk', () => {
    for (const bad of ['http://hooks.example.org/x', 'ftp://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@example.org/', 'https://token@example.org/', 'https://example.org/#x', 'not a url', '']) {
      const issues = webhookUrlIssues(bad);
      expect(issues, bad).toHaveLength(1);
      expect(issues[0]!.path).toBe('url');
      expect(issues[0]!.message).not.toContain(bad || '\u0000');
    }
  });
});
