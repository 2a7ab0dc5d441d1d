import type { SecurityAlert, SecurityAlertQuery } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';

/** The alerts about the caller's own party, newest first; the listing itself is audited. */
export async function listSecurityAlerts(deps: { db: Kysely<DB> }, actor: Actor, query: SecurityAlertQuery) {
  return deps.db.transaction().execute(async (trx) => {
    const cursor = decodeCursor(query.cursor);
    let q = trx
      .selectFrom('security_alert')
      .selectAll()
      .where('party_id', '=', actor.partyId ?? '00000000-0000-0000-0000-000000000000')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (cursor) {
      const at = new Date(cursor.createdAt);
      q = q.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', cursor.id)])]));
    }
    const { items, nextCursor } = toPage(await q.execute(), query.limit);
    await recordAudit(trx, actor, { action: 'security.alert-list', recordType: 'security_alert', recordId: null, details: { ids: items.map((r) => r.id) } });
    return {
      items: items.map(
        (r): SecurityAlert => ({ id: r.id, kind: r.kind, userId: r.user_id, windowStart: r.window_start.toISOString(), details: r.details, action: r.action, createdAt: r.created_at.toISOString() }),
      ),
      nextCursor,
    };
  });
}
