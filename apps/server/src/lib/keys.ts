import { createHmac } from 'node:crypto';

/** One purpose, one key: sub-keys are derived from the server secret, never reused across uses. */
export const subKey = (secret: Buffer, purpose: 'csrf' | 'seal-totp') => createHmac('sha256', secret).update(`homeward:${purpose}`).digest();
