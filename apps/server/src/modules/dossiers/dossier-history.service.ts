import type { DossierHistory } from '@homeward/contracts';
import type { Actor } from '../auth/actor.ts';
import { getDossier, type DossierDeps } from './dossiers.service.ts';

/**
 * A dossier's changes, newest first, for anyone who may read the dossier: which fields changed,
 * when and by which party. The dossier's own party also sees who and why; another party sees
 * only that its own people acted by name. Reads and lists are left out: they are in the audit
 * trail, which only auditors see.
 */
export async function dossierHistory(deps: DossierDeps, actor: Actor, id: string, q: { before?: number | undefined; limit: number }): Promise<DossierHistory> {
  // The same visibility as reading the dossier (404 when the reader may not see it); not a read of its data.
  await getDossier(deps, actor, id, { audit: false });
  const owner = await deps.db.selectFrom('dossier').select('party_id').where('id', '=', id).executeTakeFirstOrThrow();
  const own = actor.kind === 'system' || actor.partyId === owner.party_id;
  let query = deps.db
    .selectFrom('audit_log as a')
    .leftJoin('party as p', 'p.id', 'a.actor_party_id')
    .select(['a.id', 'a.at', 'a.action', 'a.fields', 'a.actor_user_id', 'a.actor_party_id', 'a.reason', 'p.code as party_code'])
    .where('a.record_type', '=', 'dossier')
    .where('a.record_id', '=', id)
    .where('a.action', 'not like', '%.read')
    .where('a.action', 'not like', '%.list');
  if (q.before) query = query.where('a.id', '<', q.before);
  const rows = await query.orderBy('a.id', 'desc').limit(q.limit + 1).execute();
  const items = rows.slice(0, q.limit).map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    action: r.action,
    fields: r.fields,
    partyCode: r.party_code,
    actorUserId: own || r.actor_party_id === actor.partyId ? r.actor_user_id : null,
    reason: own ? r.reason : null,
  }));
  return { items, nextBefore: rows.length > q.limit ? items.at(-1)!.id : null };
}
