import type { Role } from '@homeward/contracts';

/**
 * The permissions the web application decides on, per role: a copy of the rows of the server's
 * table (apps/server/src/modules/auth/permissions.ts) for these permissions only. It only decides
 * what to show; the server still refuses anything a role may not do. When GET /auth/me returns
 * the caller's permissions this table can go.
 */
export type WebPermission = 'match.read' | 'match.review' | 'case.read' | 'case.write';

const byRole: Record<Role, readonly WebPermission[]> = {
  administrator: ['match.read', 'match.review', 'case.read', 'case.write'],
  caseworker: ['match.read', 'case.read', 'case.write'],
  'match-reviewer': ['match.read', 'match.review', 'case.read'],
  verifier: ['match.read', 'case.read'],
  'communications-officer': ['match.read', 'case.read'],
  auditor: [],
  viewer: [],
};

export function hasPermission(roles: readonly Role[], permission: WebPermission): boolean {
  return roles.some((r) => byRole[r]?.includes(permission));
}
