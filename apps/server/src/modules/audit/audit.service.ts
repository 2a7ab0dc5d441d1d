import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from './audit.repository.ts';
import type { Actor } from '../auth/actor.ts';

export interface AuditQuery {
  recordType?: string | undefined;
  recordId?: string | undefined;
  actorUserId?: string | undefined;
  action?: string | undefined;
  /** Only entries that touched this tier (e.g. who saw medical data: `sensitive`). */
  tier?: 'identity' | 'sensitive' | 'restricted' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
  limit: number;
}

/**
 * An auditor sees what their own party's people did, and everything done to their own party's
 * dossiers and requests (so "who saw this child's medical data" includes other parties' reads).
 */
export async function queryAudit(db: Kysely<DB>, actor: Actor, q: AuditQuery) {
  if (!actor.partyId) throw new AppError('FORBIDDEN', 'Only a member of a party can read its audit trail.');
  const partyId = actor.partyId;
  let query = db
    .selectFrom('audit_log as a')
    .selectAll('a')
    .where((eb) =>
      eb.or([
        eb('a.actor_party_id', '=', partyId),
        eb.and([eb('a.record_type', '=', 'dossier'), eb('a.record_id', 'in', eb.selectFrom('dossier').select(sql<string>`id::text`.as('id')).where('party_id', '=', partyId))]),
        eb.and([eb('a.record_type', '=', 'tracing_request'), eb('a.record_id', 'in', eb.selectFrom('tracing_request').select(sql<string>`id::text`.as('id')).where('party_id', '=', partyId))]),
      ]),
    );
  if (q.recordType) query = query.where('a.record_type', '=', q.recordType);
  if (q.recordId) query = query.where('a.record_id', '=', q.recordId);
  if (q.actorUserId) query = query.where('a.actor_user_id', '=', q.actorUserId);
  if (q.action) query = query.where('a.action', '=', q.action);
  if (q.tier) query = query.where(sql<boolean>`${q.tier} = any(a.fields)`);
  if (q.from) query = query.where('a.at', '>=', new Date(q.from));
  if (q.to) query = query.where('a.at', '<', new Date(q.to));
  if (q.before) query = query.where('a.id', '<', q.before);
  const rows = await query.orderBy('a.id', 'desc').limit(q.limit + 1).execute();
  const items = rows.slice(0, q.limit).map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    actorUserId: r.actor_user_id,
    actorPartyId: r.actor_party_id,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    fields: r.fields,
    reason: r.reason,
    requestId: r.request_id,
    details: r.details as Record<string, unknown>,
  }));
  await recordAudit(db, actor, { action: 'audit.query', recordType: 'audit_log', recordId: null, details: { returned: items.length } });
  return { items, nextBefore: rows.length > q.limit ? items.at(-1)!.id : null };
}
