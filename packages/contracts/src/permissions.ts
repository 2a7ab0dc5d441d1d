// The role → permission table, shared by the server (which enforces it on every route) and the web
// application (which only uses it to decide what to show). One table, so the two cannot drift.
import type { Role } from './auth.ts';

/** Every capability a route can require. A route declares exactly one (or is public). */
export const permissions = [
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
  'retention.admin',
  // Erasing a dossier or request for a legal reason (two-person rule: a second holder approves).
  'record.erase',
  // Two-person rule: see and answer the approvals one may give (each act still needs its own permission).
  'approval.give',
  // Controlled exports (contracts/exports.ts): `export.own` lists and downloads one's own exports and
  // creates them, each only in a format whose own permission the user also holds.
  'export.own',
  'export.jsonl',
  'export.csv',
  'export.xlsx',
  'export.pfif',
  'export.report-pdf',
  'export.subject-access',
  // Spreadsheet, CSV, JSONL and PFIF imports through the API (POST /api/v1/imports): the roles that file dossiers and requests.
  'data.import',
] as const;
export type Permission = (typeof permissions)[number];

export type Tier = 'identity' | 'sensitive' | 'restricted';

const read: Permission[] = ['party.read', 'dossier.read', 'request.read', 'match.read', 'attestation.read', 'log.read', 'case.read', 'report.read', 'notification.read', 'consent.read'];

/** What each role may do. Deny by default: a permission not listed for a role is refused. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  administrator: permissions,
  caseworker: [...read, 'dossier.write', 'request.write', 'media.read', 'media.write', 'case.write', 'contact.write', 'consent.write', 'export.own', 'export.csv', 'export.xlsx', 'export.report-pdf', 'data.import'],
  'match-reviewer': [...read, 'match.review', 'media.read', 'approval.give'],
  verifier: [...read, 'attestation.sign', 'media.read', 'approval.give'],
  'communications-officer': [...read, 'contact.write', 'message.review', 'media.read', 'consent.write'],
  auditor: ['party.read', 'audit.read', 'log.read', 'report.read', 'dossier.read', 'attestation.read', 'notification.read', 'consent.read', 'export.own', 'export.report-pdf'],
  viewer: ['party.read', 'dossier.read', 'report.read', 'log.read', 'notification.read'],
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
