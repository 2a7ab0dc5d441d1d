import type { Me, Role } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { deviceHash, noteLoginDevice } from '../security/misuse.service.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from './actor.ts';
import { dummyPasswordHash, verifyPassword } from '../users/passwords.ts';
import { findUserByEmail, recordLoginFailure, resetLoginFailures } from '../users/users.repository.ts';
import { findLiveSession, insertSession, revokeSession, revokeUserSessions, touchSession } from './sessions.repository.ts';
import { checkSecondFactor, needsTwoFactor } from './two-factor.service.ts';

export const sessionPolicy = {
  idleMs: 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  maxFailures: 10,
  lockMs: 15 * 60 * 1000,
};

/** The cookie carries a random token; the database keeps only its hash. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface AuthenticatedSession {
  actor: Actor;
  me: Me;
  sessionId: string;
  /** 'enrolment-required': signed in with a password, but 2FA must be set up before anything else. */
  twoFactor: 'done' | 'not-required' | 'enrolment-required';
  via: 'session' | 'token';
  tokenPermissions?: readonly string[];
}

export interface LoginInput {
  email: string;
  password: string;
  totp?: string | undefined;
  recoveryCode?: string | undefined;
  requestId: string | null;
  /** The browser and address the login came from: kept only as a keyed hash, for new-device alerts. */
  device?: { userAgent: string; ip: string } | undefined;
}

/**
 * Password, then the second factor where the user has one. A user who needs 2FA but has not set
 * it up gets a session that can do nothing but enrol. Failures of either factor count towards
 * the lockout; unknown accounts cost the same time as known ones.
 */
export async function login(db: Kysely<DB>, clock: Clock, secret: Buffer, input: LoginInput) {
  const now = clock.now();
  const user = await findUserByEmail(db, input.email);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    throw new AppError('INVALID_CREDENTIALS', 'E-mail or password is wrong.');
  }
  if (user.locked_until && user.locked_until > now) {
    throw new AppError('ACCOUNT_LOCKED', 'Too many failed attempts: this account is locked for a while. Try again later or ask an administrator.');
  }
  const actor: Actor = { kind: 'user', userId: user.id, partyId: user.party_id, roles: user.roles as Role[], requestId: input.requestId };
  const fail = async (code: 'INVALID_CREDENTIALS' | 'TWO_FACTOR_INVALID', message: string) => {
    const failures = user.failed_logins + 1;
    const lockUntil = failures >= sessionPolicy.maxFailures ? new Date(now.getTime() + sessionPolicy.lockMs) : null;
    await db.transaction().execute(async (trx) => {
      await recordLoginFailure(trx, user.id, lockUntil);
      await recordAudit(trx, actor, { action: 'auth.login-failed', recordType: 'user', recordId: user.id, details: { failures, factor: code === 'INVALID_CREDENTIALS' ? 'password' : 'second' } });
    });
    throw new AppError(code, message);
  };
  if (user.status !== 'active' || !(await verifyPassword(user.password_hash, input.password))) {
    return fail('INVALID_CREDENTIALS', 'E-mail or password is wrong.');
  }
  const party = await db.selectFrom('party').select('require_two_factor').where('id', '=', user.party_id).executeTakeFirstOrThrow();
  let twoFactor: AuthenticatedSession['twoFactor'] = 'not-required';
  if (user.totp_enabled_at) {
    if (!input.totp && !input.recoveryCode) {
      throw new AppError('TWO_FACTOR_REQUIRED', 'Enter the 6-digit code from your authenticator app (or a recovery code).');
    }
    const ok = await db.transaction().execute((trx) => checkSecondFactor(trx, clock, secret, user, input));
    if (!ok) return fail('TWO_FACTOR_INVALID', 'That code is not right, or was already used. Try the newest code.');
    twoFactor = 'done';
  } else if (needsTwoFactor(actor.roles, party.require_two_factor)) {
    twoFactor = 'enrolment-required';
  }
  const token = randomBytes(32).toString('base64url');
  const sessionId = hashToken(token);
  await db.transaction().execute(async (trx) => {
    await resetLoginFailures(trx, user.id);
    await insertSession(trx, {
      id: sessionId,
      user_id: user.id,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + sessionPolicy.absoluteMs),
      two_factor_done: twoFactor !== 'enrolment-required',
    });
    await recordAudit(trx, actor, { action: 'auth.login', recordType: 'user', recordId: user.id, details: { twoFactor } });
    if (input.device) await noteLoginDevice(trx, now, user, deviceHash(secret, input.device.userAgent, input.device.ip));
  });
  const session = await authenticate(db, clock, token, input.requestId);
  if (!session) throw new AppError('INTERNAL', 'Session could not be created.');
  return { token, session };
}

/** Resolves a session token to the acting user; undefined when missing, expired, idle or revoked. */
export async function authenticate(db: Kysely<DB>, clock: Clock, token: string, requestId: string | null): Promise<AuthenticatedSession | undefined> {
  const now = clock.now();
  const id = hashToken(token);
  const s = await findLiveSession(db, id, now);
  if (!s || s.status !== 'active') return undefined;
  if (now.getTime() - s.lastSeenAt.getTime() > sessionPolicy.idleMs) return undefined;
  // Touch at most once a minute to keep reads cheap.
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) await touchSession(db, id, now);
  const roles = s.roles as Role[];
  const required = needsTwoFactor(roles, s.partyRequiresTwoFactor);
  return {
    sessionId: id,
    via: 'session',
    twoFactor: s.twoFactorDone ? (s.totpEnabledAt ? 'done' : 'not-required') : required ? 'enrolment-required' : 'not-required',
    actor: { kind: 'user', userId: s.userId, partyId: s.partyId, roles, requestId },
    me: {
      user: { id: s.userId, email: s.email, displayName: s.displayName, roles },
      party: { id: s.partyId, code: s.partyCode, name: s.partyName, kind: s.partyKind as Me['party']['kind'] },
    },
  };
}

export async function logout(db: Kysely<DB>, clock: Clock, session: AuthenticatedSession, everywhere: boolean) {
  await db.transaction().execute(async (trx) => {
    if (everywhere) await revokeUserSessions(trx, session.actor.userId!, clock.now());
    else await revokeSession(trx, session.sessionId, clock.now());
    await recordAudit(trx, session.actor, {
      action: everywhere ? 'auth.logout-everywhere' : 'auth.logout',
      recordType: 'user',
      recordId: session.actor.userId,
    });
  });
}
