import type { Executor } from '../audit/audit.repository.ts';

export async function insertSession(
  db: Executor,
  s: { id: string; user_id: string; created_at: Date; last_seen_at: Date; expires_at: Date; two_factor_done: boolean },
) {
  await db.insertInto('session').values(s).execute();
}

export async function findLiveSession(db: Executor, id: string, now: Date) {
  return db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .innerJoin('party', 'party.id', 'app_user.party_id')
    .select([
      'session.id as sessionId',
      'session.last_seen_at as lastSeenAt',
      'session.expires_at as expiresAt',
      'app_user.id as userId',
      'app_user.email as email',
      'app_user.display_name as displayName',
      'app_user.roles as roles',
      'app_user.status as status',
      'party.id as partyId',
      'party.code as partyCode',
      'party.name as partyName',
      'party.kind as partyKind',
      'party.require_two_factor as partyRequiresTwoFactor',
      'session.two_factor_done as twoFactorDone',
      'app_user.totp_enabled_at as totpEnabledAt',
    ])
    .where('session.id', '=', id)
    .where('session.revoked_at', 'is', null)
    .where('session.expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, id: string, now: Date) {
  await db.updateTable('session').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function revokeSession(db: Executor, id: string, now: Date) {
  await db.updateTable('session').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function revokeUserSessions(db: Executor, userId: string, now: Date) {
  const r = await db
    .updateTable('session')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
