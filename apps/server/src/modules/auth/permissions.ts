import type { Role } from '@homeward/contracts';

export const permissions = [
  'dossier.read',
  'dossier.write',
  'request.read',
  'request.write',
  'party.read',
  'user.admin',
  'audit.read',
] as const;
export type Permission = (typeof permissions)[number];

export type Tier = 'identity' | 'sensitive' | 'restricted';

/** What each role may do. Deny by default: a permission not listed here is refused. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  administrator: permissions,
  caseworker: ['dossier.read', 'dossier.write', 'request.read', 'request.write', 'party.read'],
  'match-reviewer': ['dossier.read', 'request.read', 'party.read'],
  verifier: ['dossier.read', 'request.read', 'party.read'],
  'communications-officer': ['dossier.read', 'request.read', 'party.read'],
  auditor: ['audit.read', 'party.read', 'dossier.read', 'request.read'],
  viewer: ['dossier.read', 'party.read'],
};

/** Which field tiers each role may see. Restricted data further stays with its own party. */
export const roleTiers: Record<Role, readonly Tier[]> = {
  administrator: ['identity', 'sensitive', 'restricted'],
  caseworker: ['identity', 'sensitive', 'restricted'],
  'match-reviewer': ['identity'],
  verifier: ['identity', 'sensitive'],
  'communications-officer': ['identity', 'sensitive'],
  auditor: ['identity'],
  viewer: ['identity'],
};

export function hasPermission(roles: readonly Role[], p: Permission): boolean {
  return roles.some((r) => rolePermissions[r]?.includes(p));
}

export function hasTier(roles: readonly Role[], t: Tier): boolean {
  return roles.some((r) => roleTiers[r]?.includes(t));
}
