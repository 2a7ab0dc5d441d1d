import type { Role } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { subKey } from '../../lib/keys.ts';
import { seal, unseal } from '../../lib/sealed.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from './actor.ts';
import { revokeUserSessions } from './sessions.repository.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.ts';

/** Every role above viewer needs a second factor, where the user's party requires it. */
export function needsTwoFactor(roles: readonly Role[], partyRequires: boolean): boolean {
  return partyRequires && roles.some((r) => r !== 'viewer');
}

const hashCode = (code: string) => createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');
const aad = (userId: string) => `totp:${userId}`;

/** Starts enrolment: a new secret, kept sealed as pending until a code from it is confirmed. */
export async function startEnrolment(db: Kysely<DB>, secret: Buffer, actor: Actor, email: string) {
  const user = await db.selectFrom('app_user').select(['totp_enabled_at']).where('id', '=', actor.userId!).executeTakeFirstOrThrow();
  if (user.totp_enabled_at) throw new AppError('TWO_FACTOR_ALREADY_ENABLED', 'Two-factor authentication is already set up; ask an administrator to reset it.');
  const totp = newTotpSecret();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ totp_pending_secret: seal(subKey(secret, 'seal-totp'), totp, aad(actor.userId!)) }).where('id', '=', actor.userId!).execute();
    await recordAudit(trx, actor, { action: 'auth.2fa-enrolment-started', recordType: 'user', recordId: actor.userId });
  });
  return { secret: totp, otpauthUri: otpauthUri(totp, email) };
}

/** Confirms enrolment with a code from the new secret; returns ten single-use recovery codes, once. */
export async function confirmEnrolment(db: Kysely<DB>, clock: Clock, secret: Buffer, actor: Actor, sessionId: string | null, code: string) {
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('app_user').select(['totp_pending_secret', 'totp_enabled_at']).where('id', '=', actor.userId!).executeTakeFirstOrThrow();
    if (user.totp_enabled_at) throw new AppError('TWO_FACTOR_ALREADY_ENABLED', 'Two-factor authentication is already set up.');
    if (!user.totp_pending_secret) throw new AppError('TWO_FACTOR_INVALID', 'Start the set-up first.');
    const totp = unseal(subKey(secret, 'seal-totp'), user.totp_pending_secret, aad(actor.userId!));
    const step = verifyTotp(totp, code, clock.now(), null);
    if (step === null) throw new AppError('TWO_FACTOR_INVALID', 'That code is not right. Check the time on your phone and try the newest code.');
    await trx
      .updateTable('app_user')
      .set({ totp_secret: user.totp_pending_secret, totp_pending_secret: null, totp_enabled_at: clock.now(), totp_last_step: step })
      .where('id', '=', actor.userId!)
      .execute();
    const codes = Array.from({ length: 10 }, () => randomBytes(5).toString('hex').replace(/(.{5})/, '$1-'));
    await trx.insertInto('recovery_code').values(codes.map((c) => ({ user_id: actor.userId!, code_hash: hashCode(c) }))).execute();
    if (sessionId) await trx.updateTable('session').set({ two_factor_done: true }).where('id', '=', sessionId).execute();
    await recordAudit(trx, actor, { action: 'auth.2fa-enabled', recordType: 'user', recordId: actor.userId });
    return { recoveryCodes: codes };
  });
}

/**
 * Checks a second factor at login: a TOTP code (never the same step twice) or an unused recovery
 * code (then spent). Returns false when it does not match.
 */
export async function checkSecondFactor(
  trx: Executor,
  clock: Clock,
  secret: Buffer,
  user: { id: string; totp_secret: string | null; totp_last_step: number | null },
  input: { totp?: string | undefined; recoveryCode?: string | undefined },
): Promise<boolean> {
  if (input.totp && user.totp_secret) {
    const totp = unseal(subKey(secret, 'seal-totp'), user.totp_secret, aad(user.id));
    const step = verifyTotp(totp, input.totp, clock.now(), user.totp_last_step === null ? null : Number(user.totp_last_step));
    if (step === null) return false;
    await trx.updateTable('app_user').set({ totp_last_step: step }).where('id', '=', user.id).execute();
    return true;
  }
  if (input.recoveryCode) {
    const r = await trx
      .updateTable('recovery_code')
      .set({ used_at: clock.now() })
      .where('user_id', '=', user.id)
      .where('code_hash', '=', hashCode(input.recoveryCode))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
  return false;
}

/**
 * Clears a user's second factor (the enrolment and every unused recovery code) and ends their
 * sessions, in the caller's transaction: they enrol again at their next sign-in. Who may ask for
 * it, the second administrator it waits for and its audit entry are the users module's
 * (users/users.approvals.ts). Returns how many sessions ended.
 */
export async function clearTwoFactor(trx: Executor, userId: string, now: Date): Promise<number> {
  await trx.updateTable('app_user').set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null }).where('id', '=', userId).execute();
  await trx.updateTable('recovery_code').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  return revokeUserSessions(trx, userId, now);
}

/**
 * Enrols a user directly (the operator's `homeward user create`): the secret and the recovery
 * codes are returned once, to be handed to the user over a trusted channel.
 */
export async function enrolDirectly(db: Kysely<DB>, clock: Clock, secret: Buffer, actor: Actor, userId: string, email: string) {
  const totp = newTotpSecret();
  const codes = Array.from({ length: 10 }, () => randomBytes(5).toString('hex').replace(/(.{5})/, '$1-'));
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ totp_secret: seal(subKey(secret, 'seal-totp'), totp, aad(userId)), totp_enabled_at: clock.now(), totp_last_step: null }).where('id', '=', userId).execute();
    await trx.insertInto('recovery_code').values(codes.map((c) => ({ user_id: userId, code_hash: hashCode(c) }))).execute();
    await recordAudit(trx, actor, { action: 'auth.2fa-enabled', recordType: 'user', recordId: userId, details: { by: 'operator' } });
  });
  return { secret: totp, otpauthUri: otpauthUri(totp, email), recoveryCodes: codes };
}
