// Deciding on a proposal: confirm or reject, with the two-person rule for confirmations that
// open a case or merge dossiers. Proposing and reading proposals are in matching.service.ts.
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { openCaseInTrx } from '../cases/cases.service.ts';
import { assertTraceable } from '../consent/consent.gate.ts';
import { mergeOnConfirm } from '../dossiers/dossier-merge.service.ts';
import { findDossier } from '../dossiers/dossiers.repository.ts';
import { findRequest } from '../requests/requests.repository.ts';
import { logStatusTransition, publishCheckpoint } from '../transparency/log.service.ts';
import { withMatching, type MatchProposalRow } from './matching.tables.ts';
import {
  completeApproval,
  declineInTrx,
  expireIfStale,
  findPendingFor,
  isEligibleSecond,
  policyOf,
  requestApproval,
  type ActHandler,
  type AfterCommit,
} from '../approvals/approvals.service.ts';
import { needsSecond, type ApprovalAct } from '../approvals/two-person.ts';
import { canSeeProposal, matchActs, proposalSummary, type MatchingDeps } from './matching.service.ts';

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

/** Consent at the moment of confirming: both records must still be open to tracing (consent.gate.ts). */
const assertPairTraceable = (trx: Executor, row: MatchProposalRow, now: Date) =>
  assertTraceable(trx, [{ type: row.kind === 'request-dossier' ? 'request' : 'dossier', id: row.left_id }, { type: 'dossier', id: row.right_id }], now);

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
  if (status === 'confirmed') await assertPairTraceable(trx, row, now);
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
      await assertPairTraceable(trx, row, now);
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
