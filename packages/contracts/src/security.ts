import { z } from 'zod';

// API schemas of the security module (misuse alerts).
export const securityAlertKinds = ['bulk-read', 'second-factor-failures', 'new-device'] as const;

export const securityAlertQuery = z.object({
  kind: z.enum(securityAlertKinds).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type SecurityAlertQuery = z.infer<typeof securityAlertQuery>;

export const securityAlert = z.object({
  id: z.uuid(),
  kind: z.enum(securityAlertKinds),
  /** The account the alert is about. */
  userId: z.uuid(),
  windowStart: z.string(),
  /** Counts and ids only. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  action: z.enum(['alerted', 'sessions-ended']),
  createdAt: z.string(),
});
export type SecurityAlert = z.infer<typeof securityAlert>;
