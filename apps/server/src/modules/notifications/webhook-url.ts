import type { ErrorIssue } from '../../errors.ts';

const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a webhook URL is refused, or nothing. HTTPS only, with one exception: plain HTTP to this
 * machine (localhost, 127.0.0.1, ::1), for a receiver beside the server and for tests. No
 * credentials in the URL (they would show in every listing); no fragment (never sent).
 */
export function webhookUrlIssues(raw: string): ErrorIssue[] {
  const issue = (message: string) => [{ path: 'url', message }];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return issue('is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return issue('must be an https:// URL');
  if (url.protocol === 'http:' && !loopback.has(url.hostname)) return issue('must use https (http only to localhost)');
  if (url.username || url.password) return issue('must not contain a user name or password');
  if (url.hash) return issue('must not contain a fragment (#…)');
  return [];
}
