import type { CaseDetail, CaseListQuery, CaseTransitionInput, TracingCase } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findDossier } from '../dossiers/dossiers.repository.ts';
import { withMatching, type MatchProposalRow } from '../matching/matching.tables.ts';
import { findRequest } from '../requests/requests.repository.ts';
import { logStatusTransition, publishCheckpoint } from '../transparency/log.service.ts';
import { caseTransitions, type CaseStatus } from './case-states.ts';
import { applyCaseTransition } from './case-transition.ts';
import { canSeeCase, sideOf } from './cases.policy.ts';
import { findCase, findCaseByPair, findCaseEvents, findCases, insertCase } from './cases.repository.ts';
import { announceCase } from './case-effects.ts';
import type { CaseRow } from './cases.tables.ts';

export interface CaseDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret: present when the transparency log is in use (every case change is logged). */
  secret?: Buffer;
}

const nobody = '00000000-0000-0000-0000-000000000000';

export function presentCase(row: CaseRow, actor: Actor): TracingCase {
  return {
    id: row.id,
    dossierId: row.dossier_id,
    requestId: row.request_id,
    matchProposalId: row.match_proposal_id,
    holdingPartyId: row.holding_party_id,
    familyPartyId: row.family_party_id,
    side: sideOf(actor, row),
    status: row.status,
    statusReason: row.status_reason,
    priority: row.priority,
    version: row.version,
    openedBy: row.opened_by,
    openedAt: row.opened_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
  };
}

async function publish(deps: CaseDeps) {
  if (deps.secret) await publishCheckpoint({ db: deps.db, clock: deps.clock, secret: deps.secret });
}

/**
 * Opens the case of a confirmed request↔dossier proposal inside the caller's transaction: the
 * family side is the request's party, the holding side the dossier's. The case starts `located`,
 * with its history row, audit entry and transparency-log entry. If the pair already has a case,
 * nothing is written and that case is returned with `created: false`. Publish a checkpoint after
 * the commit when `created`.
 *
 * @example const { row, created } = await openCaseInTrx(trx, actor, { ...proposal, status: 'confirmed' }, now);
 */
export async function openCaseInTrx(trx: Executor, actor: Actor, proposal: MatchProposalRow, now: Date): Promise<{ row: CaseRow; created: boolean }> {
  if (proposal.kind !== 'request-dossier') {
    throw new AppError('MATCH_NOT_REQUEST_DOSSIER', 'Only a match between a family request and a dossier opens a case.', { details: { kind: proposal.kind } });
  }
  if (proposal.status !== 'confirmed') {
    throw new AppError('MATCH_NOT_CONFIRMED', 'A case opens only from a match a person has confirmed.', { details: { status: proposal.status } });
  }
  const existing = await findCaseByPair(trx, proposal.right_id, proposal.left_id);
  if (existing) return { row: existing, created: false };
  const request = await findRequest(trx, proposal.left_id);
  const dossier = await findDossier(trx, proposal.right_id);
  if (!request || !dossier) throw notFound();
  const row = await insertCase(trx, {
    dossier_id: dossier.id,
    request_id: request.id,
    match_proposal_id: proposal.id,
    holding_party_id: dossier.party_id,
    family_party_id: request.party_id,
    status: 'located',
    status_reason: null,
    opened_by: actor.userId,
    opened_at: now,
    updated_at: now,
    closed_at: null,
  });
  await recordAudit(trx, actor, {
    action: 'case.open',
    recordType: 'case',
    recordId: row.id,
    details: { dossierId: row.dossier_id, requestId: row.request_id, matchProposalId: proposal.id },
  });
  await logStatusTransition(trx, { subjectType: 'case', subjectId: row.id, from: 'none', to: 'located', partyId: actor.partyId ?? row.family_party_id }, now);
  await announceCase(trx, row, now, null);
  return { row, created: true };
}

/**
 * Opens a case from a confirmed proposal through the API (confirming a match already opens it;
 * this is for proposals confirmed before, or a client that wants to be sure). The caller must be
 * of the request's or the dossier's party; others get 404.
 */
export async function openCase(deps: CaseDeps, actor: Actor, proposalId: string): Promise<CaseDetail> {
  const row = await deps.db.transaction().execute(async (trx) => {
    // Locked like decideProposal does, so that confirming and opening cannot both insert.
    const proposal = await withMatching(trx).selectFrom('match_proposal').selectAll().where('id', '=', proposalId).forUpdate().executeTakeFirst();
    if (!proposal || !(await isPartyToProposal(trx, actor, proposal))) throw notFound();
    const opened = await openCaseInTrx(trx, actor, proposal, deps.clock.now());
    if (!opened.created) {
      throw new AppError('ALREADY_EXISTS', 'This match already has a case.', { details: { caseId: opened.row.id } });
    }
    return opened.row;
  });
  await publish(deps);
  return getCase(deps, actor, row.id, { audit: false });
}

async function isPartyToProposal(trx: Executor, actor: Actor, p: MatchProposalRow): Promise<boolean> {
  if (actor.kind === 'system') return true;
  if (!actor.partyId) return false;
  if (p.party_id === actor.partyId || p.other_party_id === actor.partyId) return true;
  if (p.kind !== 'request-dossier') return false;
  const dossier = await findDossier(trx, p.right_id);
  return dossier?.party_id === actor.partyId;
}

/** The cases of the caller's party (either side), newest first. Audited with the ids returned. */
export async function listCases(deps: CaseDeps, actor: Actor, query: CaseListQuery) {
  return deps.db.transaction().execute(async (trx) => {
    const rows = await findCases(trx, {
      visibleToPartyId: actor.kind === 'system' ? undefined : (actor.partyId ?? nobody),
      statuses: query.status,
      priority: query.priority,
      dossierId: query.dossierId,
      requestId: query.requestId,
      cursor: decodeCursor(query.cursor),
      limit: query.limit,
    });
    const { items, nextCursor } = toPage(
      rows.map((r) => ({ ...r, created_at: r.opened_at })),
      query.limit,
    );
    if (items.length) {
      await recordAudit(trx, actor, { action: 'case.list', recordType: 'case', recordId: null, details: { ids: items.map((r) => r.id) } });
    }
    return { items: items.map((r) => presentCase(r, actor)), nextCursor };
  });
}

async function findVisibleCase(trx: Executor, actor: Actor, id: string, forUpdate = false) {
  const row = await findCase(trx, id, forUpdate);
  if (!row || !canSeeCase(actor, row)) throw notFound();
  return row;
}

/** One case with its history and the moves open to a person now. */
export async function getCase(deps: CaseDeps, actor: Actor, id: string, opts = { audit: true }): Promise<CaseDetail> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findVisibleCase(trx, actor, id);
    const events = await findCaseEvents(trx, id);
    // The history carries the reasons people gave, which can be delicate: reads are audited.
    if (opts.audit) await recordAudit(trx, actor, { action: 'case.read', recordType: 'case', recordId: id });
    return {
      ...presentCase(row, actor),
      history: events.map((e) => ({ from: e.from_status, to: e.to_status, reason: e.reason, actorUserId: e.actor_user_id, at: e.at.toISOString() })),
      allowedTransitions: caseTransitions[row.status].filter((t) => !t.via).map((t) => ({ to: t.to, needsReason: !!t.needsReason })),
      reservedTransitions: caseTransitions[row.status].flatMap((t) => (t.via ? [{ to: t.to, via: t.via }] : [])),
    };
  });
}

/**
 * A person moves a case, checked against the state table (case-states.ts). The version is
 * checked first, so that the caller is never told what is allowed from a status they have not seen.
 */
export async function transitionCase(deps: CaseDeps, actor: Actor, id: string, input: CaseTransitionInput): Promise<CaseDetail> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await findVisibleCase(trx, actor, id, true);
    if (row.version !== input.version) {
      throw new AppError('VERSION_CONFLICT', 'This case was changed by someone else; reload it and try again.', {
        details: { currentVersion: row.version },
      });
    }
    await applyCaseTransition(trx, actor, row, input.to as CaseStatus, { now: deps.clock.now(), reason: input.reason ?? null, version: input.version });
  });
  await publish(deps);
  return getCase(deps, actor, id, { audit: false });
}
