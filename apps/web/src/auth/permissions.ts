import type { Role } from '@homeward/contracts';

/**
 * The permissions the web application decides on, per role: a copy of the rows of the server's
 * table (apps/server/src/modules/auth/permissions.ts) for these permissions only. It only decides
 * what to show; the server still refuses anything a role may not do. When GET /auth/me returns
 * the caller's permissions this table can go.
 */
export type WebPermission =
  | 'match.read'
  | 'match.review'
  | 'case.read'
  | 'case.write'
  | 'contact.write'
  | 'message.review'
  | 'report.read'
  | 'notification.read'
  | 'attestation.read'
  | 'attestation.sign'
  | 'log.read'
  | 'media.read'
  | 'media.write'
  | 'audit.read'
  | 'token.admin'
  | 'webhook.admin'
  | 'approval.give';

const read: WebPermission[] = [
  'match.read',
  'attestation.read',
  'log.read',
  'case.read',
  'report.read',
  'notification.read',
];

const byRole: Record<Role, readonly WebPermission[]> = {
  administrator: [
    ...read,
    'match.review',
    'case.write',
    'contact.write',
    'message.review',
    'attestation.sign',
    'media.read',
    'media.write',
    'audit.read',
    'token.admin',
    'webhook.admin',
    'approval.give',
  ],
  caseworker: [...read, 'case.write', 'contact.write', 'media.read', 'media.write'],
  'match-reviewer': [...read, 'match.review', 'media.read', 'approval.give'],
  verifier: [...read, 'attestation.sign', 'media.read'],
  'communications-officer': [...read, 'contact.write', 'message.review', 'media.read'],
  auditor: ['audit.read', 'log.read', 'report.read', 'attestation.read', 'notification.read'],
  viewer: ['report.read', 'log.read', 'notification.read'],
};

export function hasPermission(roles: readonly Role[], permission: WebPermission): boolean {
  return roles.some((r) => byRole[r]?.includes(permission));
}

/**
 * Every permission the server knows (its `permissions` list), offered when an administrator
 * scopes an API token. The server refuses a permission the token's owner does not hold.
 */
export const serverPermissions = [
  'party.read',
  'dossier.read',
  'dossier.write',
  'request.read',
  'request.write',
  'match.read',
  'match.review',
  'attestation.read',
  'attestation.sign',
  'log.read',
  'key.admin',
  'media.read',
  'media.write',
  'case.read',
  'case.write',
  'contact.write',
  'message.review',
  'report.read',
  'exchange.run',
  'user.admin',
  'token.admin',
  'audit.read',
  'notification.read',
  'webhook.admin',
  'consent.read',
  'consent.write',
  'consent.override',
  'subject-access.export',
  'retention.admin',
  'approval.give',
] as const;

/** The administration page shows to anyone with one of these (each section needs its own). */
export const adminPermissions: readonly WebPermission[] = ['token.admin', 'webhook.admin', 'audit.read'];
