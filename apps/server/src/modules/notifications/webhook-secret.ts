import { createHmac, randomBytes } from 'node:crypto';
import { seal, unseal } from '../../lib/sealed.ts';

// Webhook secrets are generated here, shown once, and kept sealed with their own sub-key of the
// server secret (the same derivation as lib/keys.ts `subKey`, with this purpose).
const webhookKey = (serverSecret: Buffer) => createHmac('sha256', serverSecret).update('homeward:seal-webhook').digest();
const aad = (subscriptionId: string) => `webhook_subscription:${subscriptionId}`;

export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

export const sealWebhookSecret = (serverSecret: Buffer, subscriptionId: string, secret: string) =>
  seal(webhookKey(serverSecret), secret, aad(subscriptionId));

export const unsealWebhookSecret = (serverSecret: Buffer, subscriptionId: string, sealed: string) =>
  unseal(webhookKey(serverSecret), sealed, aad(subscriptionId));
