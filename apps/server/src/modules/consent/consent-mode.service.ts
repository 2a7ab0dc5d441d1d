import type { ConsentModeView } from '@homeward/contracts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findModes, upsertMode } from './consent.repository.ts';
import type { ConsentMode } from './consent.rules.ts';
import type { ConsentDeps } from './consent.service.ts';

// A party's consent mode: `transitional` (the default: unknown consent does not stop processing)
// or `strict` (nothing is matched, shared, shown to another party or contacted without consent or
// an override on record). docs/SECURITY.md ("Consent") says why the default is transitional.

function partyOf(actor: Actor): string {
  if (!actor.partyId) throw notFound();
  return actor.partyId;
}

/** The caller's party's mode. */
export async function getConsentMode(deps: ConsentDeps, actor: Actor): Promise<ConsentModeView> {
  const partyId = partyOf(actor);
  const [row] = await findModes(deps.db, [partyId]);
  return { partyId, mode: row?.mode ?? 'transitional', updatedAt: row ? row.updated_at.toISOString() : null, updatedBy: row?.updated_by ?? null };
}

/**
 * Sets the caller's party's mode (an administrator: `consent.override`, since leaving strict mode
 * lets unconsented records be processed again, as an override would). Audited with before and after;
 * takes effect at the next act of processing, nothing is re-run.
 */
export async function setConsentMode(deps: ConsentDeps, actor: Actor, mode: ConsentMode): Promise<ConsentModeView> {
  const partyId = partyOf(actor);
  await deps.db.transaction().execute(async (trx) => {
    const [before] = await findModes(trx, [partyId]);
    await upsertMode(trx, { party_id: partyId, mode, updated_by: actor.userId, updated_at: deps.clock.now() });
    await recordAudit(trx, actor, { action: 'consent.mode', recordType: 'party', recordId: partyId, details: { from: before?.mode ?? 'transitional', to: mode } });
  });
  return getConsentMode(deps, actor);
}
