import { erasureInput, type ErasureInput, type ErasureTombstone } from '@homeward/contracts';
import type { BlobStore } from '@homeward/media';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { expirePendingFor, policyOf, requestApproval, type ActHandler } from '../approvals/approvals.service.ts';
import type { PendingApprovalRow } from '../approvals/approvals.tables.ts';
import { needsSecond, type TwoPersonPolicy } from '../approvals/two-person.ts';
import { eraseAttestedSubject } from '../attestations/attestations.service.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { matchActs, supersedeProposalsOf } from '../matching/matching.service.ts';
import { configuredStore } from '../retention/retention.jobs.ts';
import { appendLogEntry, newEntry, publishCheckpoint } from '../transparency/log.service.ts';
import { assertNotErased, findErased, findTombstone } from './erasure.lookup.ts';
import {
  allowErasure,
  blankSubject,
  deleteAgeOut,
  eraseSources,
  findCaseOfParty,
  findCaseRecordIds,
  findLinked,
  findTombstoneById,
  findTombstones,
  insertTombstone,
  lockSubject,
  minimiseCases,
  minimiseConsents,
  minimiseMerges,
  minimiseProposals,
  minimiseReasons,
  minimiseReceivedCaseEvents,
  shredMedia,
  summarise,
} from './erasure.repository.ts';
import type { ErasureRow } from './erasure.tables.ts';

export interface ErasureDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret: the erasure is entered in the transparency log, and a checkpoint published after. */
  secret?: Buffer;
  twoPerson?: TwoPersonPolicy;
  /** Where media blobs live; the configured store when absent (keys are destroyed all the same). */
  store?: BlobStore | null;
}

const REASON = 'The record was erased.';

export function presentTombstone(r: ErasureRow): ErasureTombstone {
  return {
    id: r.id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    partyId: r.party_id,
    reasonCode: r.reason_code,
    legalReference: r.legal_reference,
    requestedBy: r.requested_by,
    erasedBy: r.erased_by,
    approvalId: r.approval_id,
    erasedAt: r.erased_at.toISOString(),
    logIndex: Number(r.log_index),
    summary: r.summary,
  };
}

/** The record, locked, if it is the actor's party's and not erased yet (404 for anyone else's, 410 when already erased). */
async function ownRecord(trx: Executor, actor: Actor, input: ErasureInput) {
  const row = await lockSubject(trx, input.subjectType, input.subjectId);
  if (!row || (actor.kind !== 'system' && actor.partyId !== row.party_id)) throw notFound();
  await assertNotErased(trx, actor, row);
  return row;
}

interface Erased {
  tombstone: ErasureRow;
  blobIds: string[];
}

/**
 * The erasure itself, in the caller's transaction. What remains afterwards: the record's id,
 * party and dates of its life, its cases' and proposals' ids, statuses and who acted when, the
 * audit entries without their reasons, the signed attestations (their salts destroyed: they verify
 * as "subject erased") and the transparency log, which never held personal data. Everything else
 * about the person is blanked, deleted or crypto-shredded (erasure.repository.ts says what), in
 * one transaction with the tombstone, its log entry and its audit entry.
 */
async function eraseInTrx(trx: Executor, actor: Actor, input: ErasureInput, now: Date, approval: { id: string; requestedBy: string } | null): Promise<Erased> {
  const { subjectType: type, subjectId: id } = input;
  const row = await ownRecord(trx, actor, input);
  await allowErasure(trx);
  const linked = await findLinked(trx, type, id);
  // Nothing left waiting for a second approval about it (ended first, so that their reasons are minimised below).
  await expirePendingFor(trx, actor, [id, ...linked.caseIds], ['consent.override', 'attestation.verify'], REASON, now);
  await expirePendingFor(trx, actor, linked.proposalIds, matchActs, REASON, now);
  let attestations = type === 'dossier' ? await eraseAttestedSubject(trx, actor, { subjectType: 'dossier', subjectId: id }, now) : 0;
  for (const caseId of linked.caseIds) attestations += await eraseAttestedSubject(trx, actor, { subjectType: 'case', subjectId: caseId }, now);
  const media = await shredMedia(trx, [{ type: type === 'dossier' ? 'dossier' : 'tracing_request', id }, ...linked.caseIds.map((c) => ({ type: 'case' as const, id: c }))]);
  const consentSubjects = [{ type, id }, ...linked.caseIds.map((c) => ({ type: 'case' as const, id: c }))];
  const recordIds = [id, ...linked.caseIds, ...linked.proposalIds, ...linked.ageOutIds, ...(await findCaseRecordIds(trx, linked.caseIds, consentSubjects.map((s) => s.id)))];
  const table = type === 'dossier' ? 'dossier' : 'tracing_request';
  const summary = summarise(
    { [`${table}.fields`]: await blankSubject(trx, type, id, now) },
    await eraseSources(trx, type, id),
    { 'media_file.blobs': media.files },
    await minimiseConsents(trx, consentSubjects),
    await minimiseProposals(trx, linked.proposalIds),
    type === 'dossier' ? await minimiseMerges(trx, id) : {},
    await minimiseCases(trx, linked.caseIds),
    await minimiseReceivedCaseEvents(trx, type, id),
    await minimiseReasons(trx, recordIds),
    type === 'dossier' ? await deleteAgeOut(trx, id) : {},
    { 'attestation_salt.row': attestations },
  );
  // Out of every queue, with a reason that names no one.
  await supersedeProposalsOf(trx, actor, { type, id }, REASON, now);
  const subjectRef = `${type === 'dossier' ? 'dossier' : 'tracing-request'}/${id}`;
  const logIndex = await appendLogEntry(trx, newEntry({ kind: 'erasure', party: actor.partyId ?? row.party_id, subjectRef, subjectDigests: [], meta: { reasonCode: input.reasonCode } }, now));
  const tombstone = await insertTombstone(trx, {
    subject_type: type,
    subject_id: id,
    party_id: row.party_id,
    reason_code: input.reasonCode,
    legal_reference: input.legalReference ?? null,
    requested_by: approval?.requestedBy ?? actor.userId,
    erased_by: actor.userId,
    approval_id: approval?.id ?? null,
    erased_at: now,
    log_index: logIndex,
    summary: JSON.stringify(summary),
  });
  await recordAudit(trx, actor, {
    action: 'record.erase',
    recordType: table,
    recordId: id,
    fields: Object.keys(summary),
    details: { erasureId: tombstone.id, reasonCode: input.reasonCode, approvalId: approval?.id ?? null, requestedBy: approval?.requestedBy ?? actor.userId, caseIds: linked.caseIds, summary },
  });
  return { tombstone, blobIds: media.blobIds };
}

/** After the commit: a checkpoint for the log entries, and the shredded blobs deleted from the store (unreadable if that fails). */
async function afterErasure(deps: ErasureDeps, blobIds: readonly string[]) {
  if (deps.secret) await publishCheckpoint({ db: deps.db, clock: deps.clock, secret: deps.secret });
  const store = deps.store === undefined ? configuredStore() : deps.store;
  for (const blobId of blobIds) await store?.delete(blobId).catch(() => undefined);
}

export type ErasureResult = { tombstone: ErasureTombstone; approval: null } | { tombstone: null; approval: PendingApprovalRow };

/**
 * Erases a child's dossier or a family's request of the caller's party, for a legal reason
 * (permission `record.erase`, checked by the route). Another party's record answers 404, an erased
 * one 410 RECORD_ERASED. Two-person rule: unless switched off, the first officer's call only asks
 * for a second officer of the same party with `record.erase` (nothing is erased yet); the erasure
 * happens when that second officer approves it (`POST /api/v1/approvals/:id/approve`).
 */
export async function requestErasure(deps: ErasureDeps, actor: Actor, input: ErasureInput): Promise<ErasureResult> {
  const now = deps.clock.now();
  const policy = policyOf(deps);
  if (actor.kind !== 'system' && needsSecond(policy, 'record.erase')) {
    const approval = await deps.db.transaction().execute(async (trx) => {
      await ownRecord(trx, actor, input);
      return requestApproval(
        trx,
        actor,
        policy,
        {
          act: 'record.erase',
          subject: { type: input.subjectType, id: input.subjectId },
          payload: input,
          reason: input.reasonCode,
          otherPartyId: null,
          notifySubject: { type: input.subjectType, id: input.subjectId },
        },
        now,
      );
    });
    return { tombstone: null, approval };
  }
  const done = await deps.db.transaction().execute((trx) => eraseInTrx(trx, actor, input, now, null));
  await afterErasure(deps, done.blobIds);
  return { tombstone: presentTombstone(done.tombstone), approval: null };
}

/** What approving an erasure does (used by `POST /api/v1/approvals/:id/approve`). */
export function erasureApprovalHandler(deps: ErasureDeps): ActHandler {
  return {
    async current(trx, approval) {
      const input = erasureInput.parse(approval.payload);
      const row = await lockSubject(trx, input.subjectType, input.subjectId);
      if (!row) return { gone: 'The record no longer exists.' };
      if ((await findErased(trx, [row.id])).size) return { gone: 'The record has already been erased.' };
      return { payload: approval.payload };
    },
    async perform(trx, second, approval, now) {
      const done = await eraseInTrx(trx, second, erasureInput.parse(approval.payload), now, { id: approval.id, requestedBy: approval.first_user_id });
      return () => afterErasure(deps, done.blobIds);
    },
    // Nothing was held back while waiting: declining or expiring leaves the record as it is.
    release: async () => undefined,
  };
}

/**
 * Whether the actor may see a tombstone: the party that erased the record, and the parties of the
 * cases that referred to it (so that a case shows its child or request as erased).
 */
async function canSeeTombstone(db: Executor, actor: Actor, row: ErasureRow): Promise<boolean> {
  if (actor.kind === 'system' || actor.partyId === row.party_id) return true;
  return !!actor.partyId && !!(await findCaseOfParty(db, row.subject_type, row.subject_id, actor.partyId));
}

export async function getTombstone(deps: ErasureDeps, actor: Actor, id: string): Promise<ErasureTombstone> {
  const row = await findTombstoneById(deps.db, id);
  if (!row || !(await canSeeTombstone(deps.db, actor, row))) throw notFound();
  return presentTombstone(row);
}

/** The tombstones the actor's party left, newest first; or the one of a record, for the parties of its cases too. */
export async function listTombstones(deps: ErasureDeps, actor: Actor, query: { subjectId?: string | undefined; limit: number }) {
  if (query.subjectId) {
    const row = await findTombstone(deps.db, query.subjectId);
    return { items: row && (await canSeeTombstone(deps.db, actor, row)) ? [presentTombstone(row)] : [] };
  }
  const rows = await findTombstones(deps.db, actor.kind === 'system' ? null : (actor.partyId ?? '00000000-0000-0000-0000-000000000000'), query.limit);
  return { items: rows.map(presentTombstone) };
}
