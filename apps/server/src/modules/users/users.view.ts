import { roles as allRoles, type Role, type UserApproval, type UserStatus, type UserView } from '@homeward/contracts';
import type { Selectable } from 'kysely';
import type { AppUserTable } from '../../db/schema.ts';
import { presentApproval } from '../approvals/approvals.service.ts';
import type { PendingApprovalRow } from '../approvals/approvals.tables.ts';
import type { Executor } from '../audit/audit.repository.ts';
import { findPendingAbout } from './users.repository.ts';

export type UserRow = Selectable<AppUserTable>;

const knownRoles = (list: readonly string[]): Role[] => list.filter((r): r is Role => (allRoles as readonly string[]).includes(r));

/** The account as an administrator sees it: never its password hash or second-factor secrets. */
export function presentUser(u: UserRow, pending: readonly PendingApprovalRow[]): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    partyId: u.party_id,
    roles: knownRoles(u.roles),
    status: u.status as UserStatus,
    twoFactor: u.totp_enabled_at ? 'enabled' : 'not-enrolled',
    lockedUntil: u.locked_until ? u.locked_until.toISOString() : null,
    createdAt: u.created_at.toISOString(),
    updatedAt: u.updated_at.toISOString(),
    pending: pending.filter((p) => p.subject_id === u.id).map(presentUserApproval),
  };
}

export const presentUserApproval = (row: PendingApprovalRow): UserApproval => presentApproval(row);

/** The accounts with the grants and resets about them that still wait for a second administrator. */
export async function viewsOf(db: Executor, rows: readonly UserRow[], now: Date): Promise<UserView[]> {
  const pending = await findPendingAbout(db, rows.map((r) => r.id), now);
  return rows.map((r) => presentUser(r, pending));
}

export async function viewOf(db: Executor, row: UserRow, now: Date): Promise<UserView> {
  return (await viewsOf(db, [row], now))[0]!;
}
