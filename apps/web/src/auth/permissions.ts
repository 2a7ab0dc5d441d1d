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
  | 'notification.read';

const read: WebPermission[] = ['match.read', 'case.read', 'report.read', 'notification.read'];

const byRole: Record<Role, readonly WebPermission[]> = {
  administrator: [...read, 'match.review', 'case.write', 'contact.write', 'message.review'],
  caseworker: [...read, 'case.write', 'contact.write'],
  'match-reviewer': [...read, 'match.review'],
  verifier: [...read],
  'communications-officer': [...read, 'contact.write', 'message.review'],
  auditor: ['report.read', 'notification.read'],
  viewer: ['report.read', 'notification.read'],
};

export function hasPermission(roles: readonly Role[], permission: WebPermission): boolean {
  return roles.some((r) => byRole[r]?.includes(permission));
}
