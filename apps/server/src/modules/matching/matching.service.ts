import type { Candidate, MatchRecord } from '@homeward/matching';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { openCaseInTrx } from '../cases/cases.service.ts';
import { mergeOnConfirm } from '../dossiers/dossier-merge.service.ts';
import { presentDossier } from '../dossiers/dossiers.policy.ts';
import { findDossier } from '../dossiers/dossiers.repository.ts';
import { findBlocked } from '../consent/consent.gate.ts';
import { canSeeRequest, presentRequest } from '../requests/requests.policy.ts';
import { findRequest } from '../requests/requests.repository.ts';
import { findSourcesOf } from '../sources/source-records.repository.ts';
import { logStatusTransition, publishCheckpoint } from '../transparency/log.service.ts';
import { dossierIndex } from './matching.index.ts';
import { pairHash, requestRecord } from './matching.records.ts';
import { withMatching, type MatchProposalRow, type ProposalKind, type ProposalStatus } from './matching.tables.ts';
import {
  completeApproval,
  declineInTrx,
  expireIfStale,
  expirePendingFor,
  findPendingFor,
  isEligibleSecond,
  policyOf,
  requestApproval,
  type ActHandler,
  type AfterCommit,
} from '../approvals/approvals.service.ts';
import { needsSecond, type ApprovalAct, type TwoPersonPolicy } from '../approvals/two-person.ts';

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
  const tracing = row.status === 'open' && !(await findBlocked(deps.db, 'request', [row.id], 'tracing')).has(row.id);
  const drawn = tracing ? ix.index.query(left.record, { top: TOP * 2 }) : [];
  const blocked = await findBlocked(deps.db, 'dossier', drawn.map((c) => c.record_id), 'tracing');
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
  if (!self || (await findBlocked(deps.db, 'dossier', [dossierId], 'tracing')).has(dossierId)) return [];
  const drawn = ix.index.queryRecord(dossierId, { top: TOP * 2 });
  const blocked = await findBlocked(deps.db, 'dossier', drawn.map((c) => c.record_id), 'tracing');
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
  status: ProposalStatus;
  kind?: ProposalKind | undefined;
  limit: number;
}

/** The review queue of the caller's party, most probable first. Audited with the ids returned. */
export async function listProposals(deps: MatchingDeps, actor: Actor, query: ProposalQuery) {
  return deps.db.transaction().execute(async (trx) => {
    let q = withMatching(trx).selectFrom('match_proposal').selectAll().where('status', '=', query.status);
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

/** The acts a match proposal's confirmation can be (two-person rule). */
export const matchActs = ['match.confirm-case', 'match.confirm-merge'] as const satisfies readonly ApprovalAct[];

/**
 * The act confirming this proposal is: opening a case (request↔dossier), merging two dossiers of
 * one party, or null for a link between two parties' dossiers (no second person needed).
 */
function actOf(row: MatchProposalRow): ApprovalAct | null {
  if (row.kind === 'request-dossier') return 'match.confirm-case';
  return row.other_party_id === row.party_id ? 'match.confirm-merge' : null;
}

/** Exactly what a second reviewer approves: this proposal, with these two records' matching fields, confirmed. */
const confirmPayload = (row: MatchProposalRow) => ({ proposalId: row.id, kind: row.kind, leftId: row.left_id, rightId: row.right_id, versionHash: row.version_hash, decision: 'confirmed' });

/** Refuses at the first confirmation what the merge would refuse at the second (docs/DOSSIER-MERGE.md). */
async function assertMergeable(trx: Executor, row: MatchProposalRow) {
  const open = await trx.selectFrom('dossier').select('id').where('id', 'in', [row.left_id, row.right_id]).where('status', '=', 'open').execute();
  if (open.length !== 2) throw new AppError('MERGE_DOSSIER_NOT_OPEN', 'Both dossiers must be open to be merged.');
}

/** The party on the other side of the decision: the dossier's for a request↔dossier pair. */
async function otherPartyOf(trx: Executor, row: MatchProposalRow): Promise<string | null> {
  if (row.kind === 'dossier-dossier') return row.other_party_id;
  return (await findDossier(trx, row.right_id))?.party_id ?? null;
}

/**
 * The decision itself, on a locked proposal: status, history, audit, and for a confirmation what
 * follows (request matched and case opened; or dossiers merged). Returns whether the transparency
 * log was written (a checkpoint is due after the commit).
 */
async function applyDecision(trx: Executor, actor: Actor, row: MatchProposalRow, status: 'confirmed' | 'rejected', reason: string | null, now: Date): Promise<boolean> {
  const id = row.id;
  let logged = false;
  const db = withMatching(trx);
  await db.updateTable('match_proposal').set({ status, decided_by: actor.userId, decided_at: now, reason }).where('id', '=', id).where('status', '=', row.status).execute();
  await db.insertInto('match_proposal_event').values({ proposal_id: id, status, actor_user_id: actor.userId, reason, at: now }).execute();
  await recordAudit(trx, actor, {
    action: status === 'confirmed' ? 'match.confirm' : 'match.reject',
    recordType: 'match_proposal',
    recordId: id,
    reason,
    details: { kind: row.kind, leftId: row.left_id, rightId: row.right_id },
  });
  if (status === 'confirmed' && row.kind === 'request-dossier') {
    const req = await findRequest(trx, row.left_id);
    if (req && req.status === 'open') {
      await trx
        .updateTable('tracing_request')
        .set((eb) => ({ status: 'matched', version: eb('version', '+', 1), updated_at: now }))
        .where('id', '=', req.id)
        .execute();
      await logStatusTransition(trx, { subjectType: 'tracing-request', subjectId: req.id, from: req.status, to: 'matched', partyId: req.party_id }, now);
      await recordAudit(trx, actor, { action: 'request.update', recordType: 'tracing_request', recordId: req.id, fields: ['status'], details: { matchProposalId: id } });
      logged = true;
    }
    const opened = await openCaseInTrx(trx, actor, { ...row, status, decided_by: actor.userId, decided_at: now, reason }, now);
    logged ||= opened.created;
  }
  if (status === 'confirmed' && row.kind === 'dossier-dossier') {
    logged ||= (await mergeOnConfirm(trx, actor, row, now)) !== null;
  }
  return logged;
}

/** Back to the review queue: the second confirmation was declined or expired. */
async function reopen(trx: Executor, actor: Actor, proposalId: string, now: Date, reason: string) {
  const db = withMatching(trx);
  const done = await db.updateTable('match_proposal').set({ status: 'proposed' }).where('id', '=', proposalId).where('status', '=', 'awaiting-second').executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) return;
  await db.insertInto('match_proposal_event').values({ proposal_id: proposalId, status: 'proposed', actor_user_id: actor.userId, reason, at: now }).execute();
}

async function lockProposal(trx: Executor, id: string) {
  return withMatching(trx).selectFrom('match_proposal').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** What approving a match confirmation does (used by `POST /approvals/:id/approve`). */
export function matchApprovalHandler(deps: MatchingDeps): ActHandler {
  return {
    async current(trx, approval) {
      const row = await lockProposal(trx, approval.subject_id);
      if (!row || row.status !== 'awaiting-second') return { gone: 'The proposal is no longer waiting for a second confirmation.' };
      return { payload: confirmPayload(row) };
    },
    async perform(trx, second, approval, now) {
      const row = await lockProposal(trx, approval.subject_id);
      if (!row) throw notFound();
      const logged = await applyDecision(trx, second, row, 'confirmed', approval.second_reason ?? approval.first_reason, now);
      return logged && deps.secret ? () => publishCheckpoint({ db: deps.db, clock: deps.clock, secret: deps.secret! }).then(() => undefined) : null;
    },
    async release(trx, actor, approval, now, reason) {
      await reopen(trx, actor, approval.subject_id, now, reason);
    },
  };
}

/**
 * The locked proposal, if the actor may decide it: a party to it, or, for a confirmation waiting
 * for its second reviewer, a person of the party that second may come from (for a
 * request↔dossier pair, the party holding the dossier). Others get 404.
 */
async function findDecidable(trx: Executor, actor: Actor, id: string) {
  const row = await lockProposal(trx, id);
  if (!row) throw notFound();
  const pending = row.status === 'awaiting-second' ? await findPendingFor(trx, row.id, matchActs) : undefined;
  const eligibleParty = !!pending && !!actor.partyId && (pending.second_party_id === actor.partyId || pending.second_party_id === null);
  if (!canSeeProposal(actor, row) && !eligibleParty) throw notFound();
  return { row, pending };
}

/**
 * A person's decision on a proposal: only an open proposal can be decided, once. Confirming a
 * request↔dossier pair marks the request `matched` and opens the pair's case (status `located`)
 * in the same transaction, unless the pair already has one. Confirming a dossier pair of one party
 * merges the two (reversibly, see dossier-merge.service.ts); a pair of two parties is linked only.
 *
 * Two-person rule (modules/approvals/two-person.ts): where the policy asks for a second person
 * (a case opening; a merge), the first confirmation only moves the proposal to `awaiting-second`
 * and asks for the approval (`approvalId` in the answer); the second confirmation, by an eligible
 * other person (here or through `POST /approvals/:id/approve`), does all of the above in one
 * transaction. The same person confirming twice gets 409 SAME_PERSON, an ineligible one 403
 * NOT_ELIGIBLE_SECOND. A rejection at either step rejects the proposal (and declines the approval).
 */
export async function decideProposal(deps: MatchingDeps, actor: Actor, id: string, status: 'confirmed' | 'rejected', reason: string | null) {
  const policy = policyOf(deps);
  let after: AfterCommit = null;
  let approvalId: string | null = null;
  await deps.db.transaction().execute(async (trx) => {
    const found = await findDecidable(trx, actor, id);
    let row = found.row;
    let pending = found.pending;
    const now = deps.clock.now();
    const handler = matchApprovalHandler(deps);
    if (row.status === 'awaiting-second' && pending && status === 'confirmed' && (await expireIfStale(trx, actor, pending, handler, now))) {
      // Waited too long: the proposal went back to the queue, and this confirmation counts as a first one.
      if (!canSeeProposal(actor, row)) throw new AppError('APPROVAL_EXPIRED', 'The confirmation waited too long for its second reviewer; nothing was done.');
      row = (await lockProposal(trx, id))!;
      pending = undefined;
    }
    if (row.status === 'awaiting-second' && pending) {
      if (status === 'rejected') {
        if (actor.userId !== pending.first_user_id && !canSeeProposal(actor, row) && !isEligibleSecond(actor, pending)) throw notFound();
        await declineInTrx(trx, actor, pending, { ...handler, release: async () => undefined }, reason ?? 'Rejected.', now);
        after = (await applyDecision(trx, actor, row, 'rejected', reason, now)) ? checkpoint(deps) : null;
        return;
      }
      approvalId = pending.id;
      after = await completeApproval(trx, actor, pending, handler, reason, now);
      return;
    }
    // Without a pending approval (e.g. the rule was off when it was asked), awaiting-second is decided as proposed.
    if (row.status !== 'proposed' && row.status !== 'awaiting-second') throw new AppError('INVALID_TRANSITION', 'This proposal has already been decided or replaced.');
    const act = actOf(row);
    if (status === 'confirmed' && act && actor.kind !== 'system' && needsSecond(policy, act)) {
      if (act === 'match.confirm-merge') await assertMergeable(trx, row);
      const db = withMatching(trx);
      await db.updateTable('match_proposal').set({ status: 'awaiting-second' }).where('id', '=', id).where('status', '=', row.status).execute();
      await db.insertInto('match_proposal_event').values({ proposal_id: id, status: 'awaiting-second', actor_user_id: actor.userId, reason, at: now }).execute();
      const approval = await requestApproval(
        trx,
        actor,
        policy,
        {
          act,
          subject: { type: 'match_proposal', id },
          relatedIds: [row.left_id, row.right_id],
          payload: confirmPayload(row),
          reason,
          otherPartyId: await otherPartyOf(trx, row),
          notifySubject: { type: 'match', id },
        },
        now,
      );
      approvalId = approval.id;
      return;
    }
    after = (await applyDecision(trx, actor, row, status, reason, now)) ? checkpoint(deps) : null;
  });
  if (after) await (after as () => Promise<void>)();
  // Read without the visibility check: the decider was authorised above (a second reviewer of the
  // holding party decides a proposal it does not otherwise list).
  const row = await withMatching(deps.db).selectFrom('match_proposal').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { ...proposalSummary(row), approvalId };
}

const checkpoint = (deps: MatchingDeps): AfterCommit => (deps.secret ? () => publishCheckpoint({ db: deps.db, clock: deps.clock, secret: deps.secret! }).then(() => undefined) : null);
