import type { Candidate, MatchRecord } from '@homeward/matching';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { presentDossier } from '../dossiers/dossiers.policy.ts';
import { findDossier } from '../dossiers/dossiers.repository.ts';
import { findBlocked } from '../consent/consent.gate.ts';
import { canSeeRequest, presentRequest } from '../requests/requests.policy.ts';
import { findRequest } from '../requests/requests.repository.ts';
import { findSourcesOf } from '../sources/source-records.repository.ts';
import { dossierIndex } from './matching.index.ts';
import { pairHash, requestRecord } from './matching.records.ts';
import { withMatching, type MatchProposalRow, type ProposalKind, type ProposalStatus } from './matching.tables.ts';
import { expirePendingFor } from '../approvals/approvals.service.ts';
import type { ApprovalAct, TwoPersonPolicy } from '../approvals/two-person.ts';

export interface MatchingDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret: present when the transparency log is in use (status changes are logged). */
  secret?: Buffer;
  /** The two-person policy; the defaults (HOMEWARD_TWO_PERSON) when absent. */
  twoPerson?: TwoPersonPolicy;
}

/** How many candidates one run proposes per request or dossier. */
export const TOP = 5;

/** How stale the full check of an index may be on interactive paths (see SyncedIndex.sync). */
export const INTERACTIVE_SYNC_MS = 1000;

/** A proposal without its evidence: what a queue shows (ids, score, status; no names). */
export function proposalSummary(row: MatchProposalRow) {
  return {
    id: row.id,
    kind: row.kind,
    leftId: row.left_id,
    rightId: row.right_id,
    score: row.score,
    decision: row.decision,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    decidedBy: row.decided_by,
    reason: row.reason,
  };
}

/** A proposal is seen by the party of its request (or of either dossier); others get 404. */
export function canSeeProposal(actor: Actor, row: Pick<MatchProposalRow, 'party_id' | 'other_party_id'>): boolean {
  return actor.kind === 'system' || (!!actor.partyId && (actor.partyId === row.party_id || actor.partyId === row.other_party_id));
}

export interface Side {
  id: string;
  record: MatchRecord;
  partyId: string;
}

/**
 * Persists a run's candidates for one left side. A pair already confirmed is left alone; a pair
 * rejected with the same matching fields (version hash) is not proposed again; an open proposal
 * whose fields changed is superseded by a new one. Returns the ids of the new proposals.
 */
export async function persist(
  trx: Executor,
  deps: MatchingDeps,
  actor: Actor,
  kind: ProposalKind,
  pairs: Array<{ left: Side; right: Side; candidate: Candidate; otherPartyId: string | null }>,
): Promise<string[]> {
  const db = withMatching(trx);
  const now = deps.clock.now();
  const created: string[] = [];
  const superseded: string[] = [];
  if (pairs.length === 0) return created;
  // One read for every pair of the run (the server's create path must stay within milliseconds).
  const known = await db
    .selectFrom('match_proposal')
    .select(['id', 'left_id', 'right_id', 'status', 'version_hash'])
    .where('kind', '=', kind)
    .where('left_id', 'in', [...new Set(pairs.map((p) => p.left.id))])
    .where('right_id', 'in', [...new Set(pairs.map((p) => p.right.id))])
    .execute();
  const events: Array<{ proposal_id: string; status: ProposalStatus; actor_user_id: string | null; reason: null; at: Date }> = [];
  for (const { left, right, candidate, otherPartyId } of pairs) {
    const hash = pairHash(left.record, right.record);
    const existing = known.filter((e) => e.left_id === left.id && e.right_id === right.id);
    if (existing.some((e) => e.status === 'confirmed' || e.status === 'awaiting-second')) continue;
    if (existing.some((e) => e.status === 'rejected' && e.version_hash === hash)) continue;
    const open = existing.find((e) => e.status === 'proposed');
    if (open && open.version_hash === hash) continue;
    if (open) {
      await db.updateTable('match_proposal').set({ status: 'superseded' }).where('id', '=', open.id).where('status', '=', 'proposed').execute();
      events.push({ proposal_id: open.id, status: 'superseded', actor_user_id: actor.userId, reason: null, at: now });
      superseded.push(open.id);
    }
    const inserted = await db
      .insertInto('match_proposal')
      .values({
        kind,
        left_id: left.id,
        right_id: right.id,
        party_id: left.partyId,
        other_party_id: otherPartyId,
        score: candidate.score,
        decision: candidate.decision,
        evidence: JSON.stringify(candidate.evidence),
        status: 'proposed',
        version_hash: hash,
        created_at: now,
        decided_by: null,
        decided_at: null,
        reason: null,
      })
      .onConflict((oc) => oc.columns(['kind', 'left_id', 'right_id']).where('status', '=', 'proposed').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue;
    events.push({ proposal_id: inserted.id, status: 'proposed', actor_user_id: actor.userId, reason: null, at: now });
    created.push(inserted.id);
  }
  if (events.length) await db.insertInto('match_proposal_event').values(events).execute();
  if (created.length || superseded.length) {
    // Ids only: the evidence holds names and stays in match_proposal.
    await recordAudit(trx, actor, { action: 'match.propose', recordType: 'match_proposal', recordId: null, details: { kind, created, superseded } });
  }
  return created;
}

/** The acts a match proposal's confirmation can be (two-person rule). */
export const matchActs = ['match.confirm-case', 'match.confirm-merge'] as const satisfies readonly ApprovalAct[];

/**
 * Consent gate: a dossier or request that may no longer be traced leaves the match queues at once.
 * Its open proposals are superseded (with the reason in their history), never deleted; decided
 * ones stay as they were.
 */
export async function supersedeProposalsOf(trx: Executor, actor: Actor, subject: { type: 'dossier' | 'request'; id: string }, reason: string, now: Date): Promise<string[]> {
  const db = withMatching(trx);
  let q = db.selectFrom('match_proposal').select('id').where('status', 'in', ['proposed', 'awaiting-second']);
  q =
    subject.type === 'request'
      ? q.where('kind', '=', 'request-dossier').where('left_id', '=', subject.id)
      : q.where((eb) => eb.or([eb('right_id', '=', subject.id), eb.and([eb('kind', '=', 'dossier-dossier'), eb('left_id', '=', subject.id)])]));
  const ids = (await q.execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  await db.updateTable('match_proposal').set({ status: 'superseded' }).where('id', 'in', ids).where('status', 'in', ['proposed', 'awaiting-second']).execute();
  await db.insertInto('match_proposal_event').values(ids.map((id) => ({ proposal_id: id, status: 'superseded' as const, actor_user_id: actor.userId, reason, at: now }))).execute();
  // A confirmation waiting for its second reviewer ends with the proposal (two-person rule).
  await expirePendingFor(trx, actor, ids, matchActs, reason, now);
  await recordAudit(trx, actor, { action: 'match.withdraw', recordType: 'match_proposal', recordId: null, reason, details: { subjectType: subject.type, subjectId: subject.id, superseded: ids } });
  return ids;
}

async function openProposals(db: Executor, kind: ProposalKind, column: 'left_id' | 'right_id', id: string) {
  return withMatching(db)
    .selectFrom('match_proposal')
    .selectAll()
    .where('kind', '=', kind)
    .where(column, '=', id)
    .where('status', '=', 'proposed')
    .orderBy('score', 'desc')
    .execute();
}

/** Matches one request against the open dossiers now and persists the proposals. */
export async function proposeForRequest(deps: MatchingDeps, requestId: string, actor: Actor = systemActor()) {
  const row = await findRequest(deps.db, requestId);
  if (!row || !canSeeRequest(actor, row)) throw notFound();
  const ix = await dossierIndex(deps.db).sync({ fingerprintMaxAgeMs: INTERACTIVE_SYNC_MS });
  const left: Side = { id: row.id, record: requestRecord(row), partyId: row.party_id };
  // Consent gate: a request whose tracing consent is refused or withdrawn is not matched, nor is
  // a dossier whose is (consent.gate.ts); candidates are drawn past them so that the top stays full.
  const now = deps.clock.now();
  const tracing = row.status === 'open' && !(await findBlocked(deps.db, 'request', [row.id], 'tracing', now)).has(row.id);
  const drawn = tracing ? ix.index.query(left.record, { top: TOP * 2 }) : [];
  const blocked = await findBlocked(deps.db, 'dossier', drawn.map((c) => c.record_id), 'tracing', now);
  const candidates = drawn.filter((c) => !blocked.has(c.record_id)).slice(0, TOP);
  return deps.db.transaction().execute(async (trx) => {
    const pairs = candidates.flatMap((candidate) => {
      const record = ix.records.get(candidate.record_id);
      return record ? [{ left, right: { id: candidate.record_id, record, partyId: '' }, candidate, otherPartyId: null }] : [];
    });
    await persist(trx, deps, actor, 'request-dossier', pairs);
    return (await openProposals(trx, 'request-dossier', 'left_id', row.id)).map(proposalSummary);
  });
}

/** Proposes likely duplicates of one dossier among the other open dossiers (pair kept in id order). */
export async function proposeForDossier(deps: MatchingDeps, dossierId: string, actor: Actor = systemActor()) {
  const ix = await dossierIndex(deps.db).sync({ fingerprintMaxAgeMs: INTERACTIVE_SYNC_MS });
  const self = ix.records.get(dossierId);
  const now = deps.clock.now();
  if (!self || (await findBlocked(deps.db, 'dossier', [dossierId], 'tracing', now)).has(dossierId)) return [];
  const drawn = ix.index.queryRecord(dossierId, { top: TOP * 2 });
  const blocked = await findBlocked(deps.db, 'dossier', drawn.map((c) => c.record_id), 'tracing', now);
  const candidates = drawn.filter((c) => !blocked.has(c.record_id)).slice(0, TOP);
  return deps.db.transaction().execute(async (trx) => {
    const ids = [dossierId, ...candidates.map((c) => c.record_id)];
    const parties = new Map(
      (await trx.selectFrom('dossier').select(['id', 'party_id']).where('id', 'in', ids).execute()).map((r) => [r.id, r.party_id]),
    );
    const side = (id: string): Side | null => {
      const record = ix.records.get(id);
      const partyId = parties.get(id);
      return record && partyId ? { id, record, partyId } : null;
    };
    const pairs = candidates.flatMap((candidate) => {
      const a = side(dossierId);
      const b = side(candidate.record_id);
      if (!a || !b) return [];
      const [left, right] = a.id < b.id ? [a, b] : [b, a];
      return [{ left, right, candidate, otherPartyId: right.partyId }];
    });
    await persist(trx, deps, actor, 'dossier-dossier', pairs);
    const rows = [...(await openProposals(trx, 'dossier-dossier', 'left_id', dossierId)), ...(await openProposals(trx, 'dossier-dossier', 'right_id', dossierId))];
    return rows.sort((a, b) => b.score - a.score).map(proposalSummary);
  });
}

export interface ProposalQuery {
  /** `any`: every status (a record's own matches, e.g. on its dossier page). */
  status: ProposalStatus | 'any';
  kind?: ProposalKind | undefined;
  /** Only proposals with this request or dossier on either side. */
  recordId?: string | undefined;
  limit: number;
}

/** The review queue of the caller's party, most probable first. Audited with the ids returned. */
export async function listProposals(deps: MatchingDeps, actor: Actor, query: ProposalQuery) {
  return deps.db.transaction().execute(async (trx) => {
    let q = withMatching(trx).selectFrom('match_proposal').selectAll();
    if (query.status !== 'any') q = q.where('status', '=', query.status);
    const recordId = query.recordId;
    if (recordId) q = q.where((eb) => eb.or([eb('left_id', '=', recordId), eb('right_id', '=', recordId)]));
    if (actor.kind !== 'system') {
      const party = actor.partyId ?? '00000000-0000-0000-0000-000000000000';
      q = q.where((eb) => eb.or([eb('party_id', '=', party), eb('other_party_id', '=', party)]));
    }
    if (query.kind) q = q.where('kind', '=', query.kind);
    const rows = await q.orderBy('score', 'desc').orderBy('created_at', 'desc').orderBy('id').limit(query.limit).execute();
    if (rows.length) {
      await recordAudit(trx, actor, { action: 'match.list', recordType: 'match_proposal', recordId: null, details: { ids: rows.map((r) => r.id) } });
    }
    return { items: rows.map(proposalSummary) };
  });
}

async function findVisible(trx: Executor, actor: Actor, id: string, forUpdate = false) {
  let q = withMatching(trx).selectFrom('match_proposal').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row || !canSeeProposal(actor, row)) throw notFound();
  return row;
}

async function presentedDossier(trx: Executor, actor: Actor, id: string) {
  const row = await findDossier(trx, id);
  return row ? presentDossier(row, await findSourcesOf(trx, 'dossier', id), actor) : null;
}

/**
 * The side-by-side payload: both records through their own presenters (so each reader sees only
 * the fields and tiers their roles allow) and the evidence. Audited as a read of both records.
 */
export async function getProposal(deps: MatchingDeps, actor: Actor, id: string) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findVisible(trx, actor, id);
    let leftRequest = null;
    let leftDossier = null;
    if (row.kind === 'request-dossier') {
      const req = await findRequest(trx, row.left_id);
      if (!req || !canSeeRequest(actor, req)) throw notFound();
      leftRequest = presentRequest(req, actor);
    } else {
      leftDossier = await presentedDossier(trx, actor, row.left_id);
    }
    const right = await presentedDossier(trx, actor, row.right_id);
    const history = await withMatching(trx)
      .selectFrom('match_proposal_event')
      .select(['status', 'actor_user_id', 'reason', 'at'])
      .where('proposal_id', '=', id)
      .orderBy('id')
      .execute();
    await recordAudit(trx, actor, {
      action: 'match.read',
      recordType: 'match_proposal',
      recordId: id,
      fields: ['identity'],
      details: { kind: row.kind, leftId: row.left_id, rightId: row.right_id },
    });
    return {
      ...proposalSummary(row),
      left: { request: leftRequest, dossier: leftDossier },
      right,
      evidence: row.evidence as Candidate['evidence'],
      history: history.map((h) => ({ status: h.status, actorUserId: h.actor_user_id, reason: h.reason, at: h.at.toISOString() })),
    };
  });
}
