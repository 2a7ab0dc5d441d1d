// The permission table lives in @homeward/contracts, so that the web shows exactly what the
// server allows; server modules import it from here.
export { hasPermission, hasTier, permissions, rolePermissions, roleTiers, type Permission, type Tier } from '@homeward/contracts';
