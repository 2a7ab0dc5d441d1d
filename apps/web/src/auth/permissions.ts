import { hasPermission as allowed, permissions, type Permission, type Role } from '@homeward/contracts';

/**
 * What the web application decides on is the server's own role table (from @homeward/contracts):
 * it only decides what to show; the server still refuses anything a role may not do.
 */
export type WebPermission = Permission;

export function hasPermission(roles: readonly Role[], permission: WebPermission): boolean {
  return allowed(roles, permission);
}

/**
 * Every permission the server knows, offered when an administrator scopes an API token. The server
 * refuses a permission the token's owner does not hold.
 */
export const serverPermissions = permissions;

/** The administration page shows to anyone with one of these (each section needs its own). */
export const adminPermissions: readonly WebPermission[] = ['token.admin', 'webhook.admin', 'audit.read'];
