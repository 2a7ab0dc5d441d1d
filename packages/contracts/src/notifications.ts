import { z } from 'zod';
import { page, pageQuery } from './common.ts';

// API schemas of the notifications module: in-app notifications and webhooks.

/** Kinds other modules raise (a kind is a dotted code; more may come). */
export const knownNotificationKinds = ['contact.overdue', 'age-out.due', 'message.review-needed', 'reunification.approval-needed'] as const;

export const notificationKind = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/, 'must be a kind such as contact.overdue').max(100);

const details = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const notification = z.object({
  id: z.uuid(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  details: details.describe('Ids, counts and dates only'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notification>;

export const notificationListQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Only unread notifications'),
  ...pageQuery,
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

export const notificationPage = page(notification);
export const unreadCount = z.object({ unread: z.number().int() });
export const readAllResult = z.object({ marked: z.number().int() });

const webhookUrl = z.string().trim().min(1).max(2000).describe('https:// (plain http only to localhost)');
const webhookKinds = z
  .array(notificationKind)
  .min(1)
  .max(50)
  .nullable()
  .describe('The kinds to send; null (or left out) for every kind');

export const webhookInput = z.object({
  url: webhookUrl,
  kinds: webhookKinds.default(null),
});
export type WebhookInput = z.infer<typeof webhookInput>;

export const webhookPatch = z.object({
  version: z.number().int().min(1),
  url: webhookUrl.optional(),
  kinds: webhookKinds.optional(),
  active: z.boolean().optional(),
});
export type WebhookPatch = z.infer<typeof webhookPatch>;

export const webhookSubscription = z.object({
  id: z.uuid(),
  url: z.string(),
  kinds: z.array(z.string()).nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  secretRotatedAt: z.string().nullable(),
});
export type WebhookSubscription = z.infer<typeof webhookSubscription>;

/** Returned by create and rotate only: the signing secret is never shown again. */
export const webhookWithSecret = webhookSubscription.extend({
  secret: z.string().describe('The HMAC signing secret. Shown only now: store it with the receiver.'),
});

export const deliveryStatuses = ['pending', 'sent', 'failed', 'dead'] as const;

export const webhookDelivery = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  lastHttpStatus: z.number().int().nullable(),
  lastErrorCode: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export const webhookDeliveryQuery = z.object({ ...pageQuery });
export const webhookDeliveryPage = page(webhookDelivery);
