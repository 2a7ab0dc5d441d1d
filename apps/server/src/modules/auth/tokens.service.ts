import type { Me, Role } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from './actor.ts';
import type { AuthenticatedSession } from './auth.service.ts';
import { hasPermission, permissions as allPermissions, type Permission } from './permissions.ts';

// Machine-to-machine tokens: `hwt_<id>_<secret>`. The id finds the row, the secret is kept only
// as a hash; a token is scoped to listed permissions (never more than its owner holds).
const PREFIX = 'hwt_';
const sha = (s: string) => createHash('sha256').update(s).digest();

export async function createToken(
  db: Kysely<DB>,
  clock: Clock,
  actor: Actor,
  input: { userId?: string; name: string; permissions: string[]; expiresInDays: number },
) {
  const ownerId = input.userId ?? actor.userId;
  if (!ownerId) throw new AppError('VALIDATION_FAILED', 'A token belongs to a user.', { issues: [{ path: 'userId', message: 'is required' }] });
  const unknown = input.permissions.filter((p) => !(allPermissions as readonly string[]).includes(p));
  if (unknown.length || input.permissions.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'Unknown permissions.', { issues: [{ path: 'permissions', message: `must be some of ${allPermissions.join(', ')}` }] });
  }
  if (!(input.expiresInDays >= 1 && input.expiresInDays <= 365)) {
    throw new AppError('VALIDATION_FAILED', 'A token lives 1 to 365 days.', { issues: [{ path: 'expiresInDays', message: 'must be from 1 to 365' }] });
  }
  return db.transaction().execute(async (trx) => {
    const owner = await trx.selectFrom('app_user').select(['id', 'party_id', 'roles', 'status']).where('id', '=', ownerId).executeTakeFirst();
    if (!owner || (actor.kind === 'user' && owner.party_id !== actor.partyId)) throw new AppError('NOT_FOUND', 'Not found.');
    const beyond = input.permissions.filter((p) => !hasPermission(owner.roles as Role[], p as Permission));
    if (beyond.length) {
      throw new AppError('VALIDATION_FAILED', "A token cannot do more than its owner's roles allow.", { issues: [{ path: 'permissions', message: `the owner lacks ${beyond.join(', ')}` }] });
    }
    const id = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
    const secret = randomBytes(32).toString('base64url');
    const now = clock.now();
    await trx
      .insertInto('api_token')
      .values({ id, user_id: owner.id, name: input.name, secret_hash: sha(secret).toString('hex'), permissions: input.permissions, created_at: now, expires_at: new Date(now.getTime() + input.expiresInDays * 86_400_000) })
      .execute();
    await recordAudit(trx, actor, { action: 'token.create', recordType: 'api_token', recordId: id, details: { owner: owner.id, permissions: input.permissions } });
    return { id, token: `${PREFIX}${id}_${secret}`, expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() };
  });
}

export async function revokeToken(db: Kysely<DB>, clock: Clock, actor: Actor, id: string) {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('api_token').innerJoin('app_user', 'app_user.id', 'api_token.user_id').select(['api_token.id', 'app_user.party_id']).where('api_token.id', '=', id).executeTakeFirst();
    if (!row || (actor.kind === 'user' && row.party_id !== actor.partyId)) throw new AppError('NOT_FOUND', 'Not found.');
    await trx.updateTable('api_token').set({ revoked_at: clock.now() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    await recordAudit(trx, actor, { action: 'token.revoke', recordType: 'api_token', recordId: id });
  });
}

export async function listTokens(db: Kysely<DB>, actor: Actor) {
  const rows = await db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select(['api_token.id', 'api_token.name', 'api_token.user_id', 'api_token.permissions', 'api_token.created_at', 'api_token.expires_at', 'api_token.revoked_at', 'api_token.last_used_at'])
    .where('app_user.party_id', '=', actor.partyId!)
    .orderBy('api_token.created_at', 'desc')
    .execute();
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return rows.map((r) => ({ id: r.id, name: r.name, userId: r.user_id, permissions: r.permissions, createdAt: r.created_at.toISOString(), expiresAt: r.expires_at.toISOString(), revokedAt: iso(r.revoked_at), lastUsedAt: iso(r.last_used_at) }));
}

/** Resolves a bearer token; every use is audited (route and token id, never the secret). */
export async function authenticateToken(db: Kysely<DB>, clock: Clock, bearer: string, requestId: string, route: string): Promise<AuthenticatedSession> {
  const m = /^hwt_([A-Za-z0-9]+)_([A-Za-z0-9_-]+)$/.exec(bearer);
  const invalid = () => new AppError('TOKEN_INVALID', 'The API token is not valid, has expired or was revoked.');
  if (!m) throw invalid();
  const now = clock.now();
  const row = await db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .innerJoin('party', 'party.id', 'app_user.party_id')
    .select(['api_token.id', 'api_token.secret_hash', 'api_token.permissions', 'api_token.expires_at', 'api_token.revoked_at', 'app_user.id as userId', 'app_user.email', 'app_user.display_name', 'app_user.roles', 'app_user.status', 'party.id as partyId', 'party.code', 'party.name', 'party.kind'])
    .where('api_token.id', '=', m[1]!)
    .executeTakeFirst();
  const ok = row && timingSafeEqual(Buffer.from(row.secret_hash, 'hex'), sha(m[2]!)) && !row.revoked_at && row.expires_at > now && row.status === 'active';
  if (!ok) throw invalid();
  const roles = row.roles as Role[];
  const actor: Actor = { kind: 'user', userId: row.userId, partyId: row.partyId, roles, requestId };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.id).execute();
    await recordAudit(trx, actor, { action: 'token.use', recordType: 'api_token', recordId: row.id, details: { route } });
  });
  return {
    sessionId: `token:${row.id}`,
    via: 'token',
    twoFactor: 'not-required',
    tokenPermissions: row.permissions,
    actor,
    me: { user: { id: row.userId, email: row.email, displayName: row.display_name, roles }, party: { id: row.partyId, code: row.code, name: row.name, kind: row.kind as Me['party']['kind'] } },
  };
}
