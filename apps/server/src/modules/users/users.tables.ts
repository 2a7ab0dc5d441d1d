// User administration keeps no table of its own: accounts are `app_user` (db/schema.ts) and the
// grants and resets waiting for a second administrator are `pending_approval` (modules/approvals).
export type UserAdminTables = Record<never, never>;
