import { createHmac, timingSafeEqual } from 'node:crypto';

// Webhook signatures: `X-Homeward-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
// The timestamp is signed with the body, so a captured request cannot be replayed later than the
// receiver's tolerance; the delivery id header lets the receiver drop the retries it already has.

const hmacHex = (secret: string, t: number, body: string | Buffer) =>
  createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');

/** The signature header for `body` sent at `now`. The key is the secret string as UTF-8 bytes. */
export function signWebhook(secret: string, body: string | Buffer, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

/**
 * Checks a received `X-Homeward-Signature` header against the raw request body (the bytes as
 * received, before any JSON parsing). True only when a `v1` signature matches and the signed
 * time is within `toleranceSeconds` of `now`.
 *
 * @example
 *   const ok = verifyWebhookSignature(process.env.HOMEWARD_WEBHOOK_SECRET, req.headers['x-homeward-signature'], rawBody, new Date(), 300);
 *   if (!ok) return res.writeHead(401).end();
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string | Buffer,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  if (!header || header.length > 1000) return false;
  let t: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/.test(v)) candidates.push(v);
  }
  if (t === undefined || candidates.length === 0) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, t, body), 'hex');
  return candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
}
