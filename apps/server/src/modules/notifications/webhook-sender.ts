import { signWebhook } from './webhook-signature.ts';

export interface SendOutcome {
  ok: boolean;
  /** A short code for the log of deliveries (`HTTP_500`, `TIMEOUT`, `ECONNREFUSED`…), never a body. */
  errorCode?: string;
  httpStatus?: number;
}

/**
 * POSTs one signed event. Redirects are not followed (a 3xx is a failure: the receiver's URL must
 * be the final one); the response body is discarded unread.
 */
export async function postWebhook(
  target: { url: string; secret: string },
  delivery: { id: string; kind: string; body: string },
  now: Date,
  timeoutMs: number,
): Promise<SendOutcome> {
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Homeward-Webhooks/1',
        'x-homeward-event': delivery.kind,
        'x-homeward-delivery': delivery.id,
        'x-homeward-signature': signWebhook(target.secret, delivery.body, now),
      },
      body: delivery.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    return res.status >= 200 && res.status < 300 ? { ok: true, httpStatus: res.status } : { ok: false, httpStatus: res.status, errorCode: `HTTP_${res.status}` };
  } catch (err) {
    return { ok: false, errorCode: networkErrorCode(err) };
  }
}

function networkErrorCode(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: unknown; name?: string } };
  if (e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError' || e.cause?.code === 'UND_ERR_CONNECT_TIMEOUT') return 'TIMEOUT';
  const code = e.cause?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code) ? code : 'CONNECTION_FAILED';
}
