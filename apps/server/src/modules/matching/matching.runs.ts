import { DEFAULT_MODEL } from '@homeward/matching';
import { sql } from 'kysely';
import { systemActor, type Actor } from '../auth/actor.ts';
import { findBlocked } from '../consent/consent.gate.ts';
import { dossierIndex, requestIndex } from './matching.index.ts';
import { INTERACTIVE_SYNC_MS, persist, proposeForDossier, proposeForRequest, type MatchingDeps, type Side } from './matching.service.ts';

/** How many requests a new dossier is checked against before re-scoring (blocking reach). */
const REQUEST_REACH = 20;

/**
 * A dossier has arrived or changed: proposes the open requests it may answer (scored the usual
 * way round, the request as query against the dossier) and its likely duplicates among the
 * other dossiers. Returns how many proposals are open for it of each kind.
 */
export async function proposeForNewDossier(deps: MatchingDeps, dossierId: string, actor: Actor = systemActor()) {
  const requests = await proposeRequestsForDossier(deps, dossierId, actor);
  const duplicates = await proposeForDossier(deps, dossierId, actor);
  return { requests, duplicates: duplicates.length };
}

async function proposeRequestsForDossier(deps: MatchingDeps, dossierId: string, actor: Actor): Promise<number> {
  const dix = await (await dossierIndex(deps.db).refresh([dossierId])).sync({ fingerprintMaxAgeMs: INTERACTIVE_SYNC_MS });
  const rix = await requestIndex(deps.db).sync({ fingerprintMaxAgeMs: INTERACTIVE_SYNC_MS });
  const dossier = dix.records.get(dossierId);
  const now = deps.clock.now();
  if (!dossier || (await findBlocked(deps.db, 'dossier', [dossierId], 'tracing', now)).has(dossierId)) return 0;
  const drawn = rix.index.query(dossier, { top: REQUEST_REACH, minScore: 0 });
  // Consent gate: requests whose tracing consent is refused or withdrawn are left out.
  const blocked = await findBlocked(deps.db, 'request', drawn.map((c) => c.record_id), 'tracing', now);
  const reached = drawn.filter((c) => !blocked.has(c.record_id));
  if (reached.length === 0) return 0;
  const parties = new Map(
    (await deps.db.selectFrom('tracing_request').select(['id', 'party_id']).where('id', 'in', reached.map((c) => c.record_id)).execute()).map((r) => [r.id, r.party_id]),
  );
  const right: Side = { id: dossierId, record: dossier, partyId: '' };
  const pairs = reached.flatMap((c) => {
    const record = rix.records.get(c.record_id);
    const partyId = parties.get(c.record_id);
    const candidate = record ? dix.index.explainPair(record, dossierId) : null;
    if (!record || !partyId || !candidate || candidate.score < DEFAULT_MODEL.thresholds.possible) return [];
    return [{ left: { id: record.id, record, partyId }, right, candidate, otherPartyId: null }];
  });
  if (pairs.length === 0) return 0;
  await deps.db.transaction().execute((trx) => persist(trx, deps, actor, 'request-dossier', pairs));
  return pairs.length;
}

export interface MatchRunSummary {
  requests: number;
  dossiers: number;
  ms: number;
}

/**
 * Proposes candidates for every open request and dossier changed since `since` (all of them when
 * null). Idempotent: a pair already proposed with the same fields, confirmed, or rejected is left
 * as it is, so re-running (or running on two servers) adds nothing twice.
 */
export async function matchChangedSince(deps: MatchingDeps, since: Date | null): Promise<MatchRunSummary> {
  const started = Date.now();
  const actor = systemActor();
  let rq = deps.db.selectFrom('tracing_request').select('id').where('status', '=', 'open');
  let dq = deps.db.selectFrom('dossier').select('id').where('status', '=', 'open');
  if (since) {
    rq = rq.where('updated_at', '>=', since);
    dq = dq.where('updated_at', '>=', since);
  }
  const requests = await rq.orderBy('id').execute();
  for (const r of requests) await proposeForRequest(deps, r.id, actor);
  const dossiers = await dq.orderBy('id').execute();
  for (const d of dossiers) await proposeForNewDossier(deps, d.id, actor);
  return { requests: requests.length, dossiers: dossiers.length, ms: Date.now() - started };
}

/** Margin for transactions that committed after a later one, and for clocks of several servers. */
const MARGIN_MS = 2 * 60_000;

/**
 * The catch-up run: everything changed since the previous run (imports, edits, anything whose
 * proposal at creation failed). The first run covers every open record.
 */
export async function matchCatchUp(deps: MatchingDeps): Promise<MatchRunSummary> {
  const startedAt = deps.clock.now();
  const state = await deps.db.selectFrom('matching_run_state').select('watermark').where('name', '=', 'catch-up').executeTakeFirst();
  const summary = await matchChangedSince(deps, state ? new Date(state.watermark.getTime() - MARGIN_MS) : null);
  await deps.db
    .insertInto('matching_run_state')
    .values({ name: 'catch-up', watermark: startedAt, updated_at: deps.clock.now() })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({ watermark: sql`greatest(matching_run_state.watermark, excluded.watermark)`, updated_at: sql`excluded.updated_at` }),
    )
    .execute();
  return summary;
}
