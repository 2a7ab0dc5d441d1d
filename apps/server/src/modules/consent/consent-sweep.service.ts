import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { systemActor } from '../auth/actor.ts';
import { supersedeProposalsOf } from '../matching/matching.service.ts';
import { withMatching } from '../matching/matching.tables.ts';
import { checkConsents } from './consent.gate.ts';

const BATCH = 500;

/**
 * The `consent.sweep` job: takes out of the review queues the proposals whose request or dossier
 * may no longer be traced because of what changed with time alone, not by an act that already
 * superseded them (a withdrawal does it at once): a guardian's consent that lapsed at 18, a party
 * that turned strict, an erasure. Their proposals are superseded with the reason in their
 * history. Confirming one before the sweep is refused anyway (`assertTraceable`). Idempotent.
 */
export async function sweepBlockedProposals(deps: { db: Kysely<DB>; clock: Clock }): Promise<{ subjects: number; superseded: number }> {
  const now = deps.clock.now();
  const open = await withMatching(deps.db).selectFrom('match_proposal').select(['kind', 'left_id', 'right_id']).where('status', 'in', ['proposed', 'awaiting-second']).execute();
  const subjects = {
    request: [...new Set(open.filter((p) => p.kind === 'request-dossier').map((p) => p.left_id))],
    dossier: [...new Set(open.flatMap((p) => (p.kind === 'request-dossier' ? [p.right_id] : [p.left_id, p.right_id])))],
  };
  const result = { subjects: 0, superseded: 0 };
  for (const type of ['request', 'dossier'] as const) {
    for (let i = 0; i < subjects[type].length; i += BATCH) {
      const checks = await checkConsents(deps.db, type, subjects[type].slice(i, i + BATCH), 'tracing', now);
      for (const [id, check] of checks) {
        if (!check.blocked) continue;
        const reason = check.erased ? 'The record was erased.' : `Consent for tracing is ${check.state}.`;
        const ids = await deps.db.transaction().execute((trx) => supersedeProposalsOf(trx, systemActor(), { type, id }, reason, now));
        result.subjects++;
        result.superseded += ids.length;
      }
    }
  }
  return result;
}
