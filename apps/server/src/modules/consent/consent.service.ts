import { consentOverrideInput, type ConsentInput, type ConsentOverrideInput, type ConsentRecord } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, validationFailed } from '../../errors.ts';
import { policyOf, requestApproval, type ActHandler } from '../approvals/approvals.service.ts';
import type { PendingApprovalRow } from '../approvals/approvals.tables.ts';
import { needsSecond, type TwoPersonPolicy } from '../approvals/two-person.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { hasPermission } from '../auth/permissions.ts';
import type { BirthPrecision } from '../age-out/age-out.rules.ts';
import { canSeeCase } from '../cases/cases.policy.ts';
import { findCase } from '../cases/cases.repository.ts';
import { findDossier } from '../dossiers/dossiers.repository.ts';
import { assertNotErased } from '../erasure/erasure.lookup.ts';
import { supersedeProposalsOf } from '../matching/matching.service.ts';
import { proposeForNewDossier } from '../matching/matching.runs.ts';
import { proposeForRequest } from '../matching/matching.service.ts';
import { isoDay } from '../names/date-rules.ts';
import { canSeeRequest } from '../requests/requests.policy.ts';
import { findRequest } from '../requests/requests.repository.ts';
import { findConsentCheck, statesByPurpose, type ConsentCheck, type ConsentSubject } from './consent.gate.ts';
import { findConsent, findConsentsOf, findModes, findOverrides, insertConsent, insertWithdrawal } from './consent.repository.ts';
import { ageStatus, checkStanding, stricter, type StandingRefusal } from './consent.rules.ts';
import type { ConsentWithWithdrawal } from './consent.tables.ts';

export interface ConsentDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** The two-person policy (overrides need a second administrator); the defaults when absent. */
  twoPerson?: TwoPersonPolicy;
}

/** What the rules need of the record a consent is about. */
interface ResolvedSubject {
  ownerPartyId?: string;
  caseParties?: { holding: string; family: string };
  /** Where evidence may be attached: the media subjects of the record (a case: its dossier and request). */
  mediaSubjects: Array<{ type: 'dossier' | 'tracing_request'; id: string }>;
  birth: { birthDate: string | null; precision: BirthPrecision; birthYear: number | null } | null;
}

const birthOf = (r: { birth_date: string | null; birth_date_precision: string; birth_year: number | null }) => ({
  birthDate: r.birth_date,
  precision: r.birth_date_precision as BirthPrecision,
  birthYear: r.birth_year,
});

/** The record if the actor may see it; anything else answers like a missing record. */
async function resolveSubject(db: Executor, actor: Actor, subject: ConsentSubject): Promise<ResolvedSubject> {
  if (subject.type === 'dossier') {
    const row = await findDossier(db, subject.id);
    if (!row || !hasPermission(actor.roles, 'dossier.read')) throw notFound();
    await assertNotErased(db, actor, row);
    return { ownerPartyId: row.party_id, mediaSubjects: [{ type: 'dossier', id: row.id }], birth: birthOf(row) };
  }
  if (subject.type === 'request') {
    const row = await findRequest(db, subject.id);
    if (!row || !canSeeRequest(actor, row)) throw notFound();
    await assertNotErased(db, actor, row);
    return { ownerPartyId: row.party_id, mediaSubjects: [{ type: 'tracing_request', id: row.id }], birth: birthOf(row) };
  }
  const kase = await findCase(db, subject.id);
  if (!kase || !canSeeCase(actor, kase)) throw notFound();
  const dossier = await findDossier(db, kase.dossier_id);
  return {
    caseParties: { holding: kase.holding_party_id, family: kase.family_party_id },
    mediaSubjects: [
      { type: 'dossier', id: kase.dossier_id },
      { type: 'tracing_request', id: kase.request_id },
    ],
    birth: dossier ? birthOf(dossier) : null,
  };
}

const refusals: Record<StandingRefusal, string> = {
  'not-own-record': 'A party records consent only for its own records: a dossier it holds, a request it filed, or its own side of a case.',
  'not-own-side': "A party records consent only for its own side's people on a case.",
  'giver-not-for-subject': 'This person cannot give consent on this kind of record.',
  'guardian-for-adult': 'The person is, or may be, 18: only they (or a legal representative) can give consent now, not a guardian or parent.',
  'child-is-adult': 'The person is 18: record their consent as the young person themselves.',
  'young-person-is-minor': 'The person is not yet 18: record their consent as the child, with a guardian where needed.',
};

/** The side the actor's party has standing for, or a refusal (CONSENT_NO_STANDING). */
function assertPartyStanding(actor: Actor, s: ResolvedSubject) {
  if (actor.kind === 'system') return null;
  if (s.caseParties) {
    if (actor.partyId === s.caseParties.holding) return 'holding' as const;
    if (actor.partyId === s.caseParties.family) return 'family' as const;
  } else if (actor.partyId && actor.partyId === s.ownerPartyId) {
    return null;
  }
  throw new AppError('CONSENT_NO_STANDING', refusals['not-own-record'], { details: { reason: 'not-own-record' } });
}

export function presentConsent(r: ConsentWithWithdrawal): ConsentRecord {
  return {
    id: r.id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    purpose: r.purpose,
    basis: r.basis,
    decision: r.decision,
    givenBy: r.given_by,
    how: r.how,
    givenOn: r.given_on,
    evidenceMediaId: r.evidence_media_id,
    legalBasis: r.legal_basis,
    reason: r.reason,
    side: r.side,
    partyId: r.party_id,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at.toISOString(),
    withdrawnAt: r.withdrawal ? r.withdrawal.withdrawn_at.toISOString() : null,
    withdrawnBy: r.withdrawal?.withdrawn_by ?? null,
    withdrawalReason: r.withdrawal?.reason ?? null,
  };
}

async function assertEvidence(db: Executor, actor: Actor, s: ResolvedSubject, mediaId: string | undefined) {
  if (!mediaId) return;
  const row = await db.selectFrom('media_file').select(['subject_type', 'subject_id', 'party_id']).where('id', '=', mediaId).where('status', '=', 'ready').executeTakeFirst();
  const attached = row && s.mediaSubjects.some((m) => m.type === row.subject_type && m.id === row.subject_id) && (actor.kind === 'system' || row.party_id === actor.partyId);
  if (!attached) throw validationFailed([{ path: 'evidenceMediaId', message: "is not a file your party attached to this record's dossier or request" }]);
}

async function assertSharingParty(db: Executor, purpose: string) {
  if (!purpose.startsWith('sharing:')) return;
  const party = await db.selectFrom('party').select('id').where('code', '=', purpose.slice('sharing:'.length)).executeTakeFirst();
  if (!party) throw validationFailed([{ path: 'purpose', message: 'names no known party' }]);
}

/**
 * What follows a change of tracing consent: a subject that may no longer be traced leaves the
 * match queues at once (its open proposals are superseded, in the same transaction); one that
 * may be traced again is matched again after commit.
 */
async function afterTracingChange(trx: Executor, actor: Actor, subject: ConsentSubject, before: ConsentCheck, now: Date): Promise<'rematch' | null> {
  if (subject.type === 'case') return null;
  const after = await findConsentCheck(trx, subject, 'tracing', now);
  if (after.blocked && !before.blocked) {
    await supersedeProposalsOf(trx, actor, { type: subject.type, id: subject.id }, `Consent for tracing is ${after.state}.`, now);
  }
  return before.blocked && !after.blocked ? 'rematch' : null;
}

async function rematch(deps: ConsentDeps, subject: ConsentSubject) {
  const mdeps = { db: deps.db, clock: deps.clock };
  if (subject.type === 'request') await proposeForRequest(mdeps, subject.id, systemActor());
  if (subject.type === 'dossier') await proposeForNewDossier(mdeps, subject.id, systemActor());
}

/**
 * Records a consent (or a refusal) given by someone with standing, by a party with standing for
 * the record (CONSENT_NO_STANDING otherwise). Audited; a tracing decision takes effect on the
 * match queues at once.
 */
export async function recordConsent(deps: ConsentDeps, actor: Actor, input: ConsentInput): Promise<ConsentRecord> {
  const now = deps.clock.now();
  const subject: ConsentSubject = { type: input.subjectType, id: input.subjectId };
  if (input.givenOn > isoDay(now)) throw validationFailed([{ path: 'givenOn', message: 'is in the future' }]);
  let follow: 'rematch' | null = null;
  const result = await deps.db.transaction().execute(async (trx) => {
    const s = await resolveSubject(trx, actor, subject);
    assertPartyStanding(actor, s);
    const standing = checkStanding({
      subjectType: subject.type,
      giver: input.givenBy,
      partyId: actor.kind === 'system' ? (s.ownerPartyId ?? s.caseParties?.holding ?? null) : actor.partyId,
      ...(s.ownerPartyId ? { ownerPartyId: s.ownerPartyId } : {}),
      ...(s.caseParties ? { caseParties: s.caseParties } : {}),
      age: s.birth ? ageStatus(s.birth, isoDay(now)) : 'unknown',
    });
    if (!standing.ok) throw new AppError('CONSENT_NO_STANDING', refusals[standing.reason], { details: { reason: standing.reason, givenBy: input.givenBy } });
    await assertEvidence(trx, actor, s, input.evidenceMediaId);
    await assertSharingParty(trx, input.purpose);
    const before = input.purpose === 'tracing' ? await findConsentCheck(trx, subject, 'tracing', now) : null;
    const row = await insertConsent(trx, {
      subject_type: subject.type,
      subject_id: subject.id,
      purpose: input.purpose,
      basis: 'consent',
      decision: input.decision,
      given_by: input.givenBy,
      how: input.how,
      given_on: input.givenOn,
      evidence_media_id: input.evidenceMediaId ?? null,
      legal_basis: null,
      reason: null,
      side: standing.side,
      party_id: actor.partyId ?? s.ownerPartyId ?? s.caseParties!.holding,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'consent.record',
      recordType: 'consent',
      recordId: row.id,
      details: { subjectType: subject.type, subjectId: subject.id, purpose: input.purpose, decision: input.decision, givenBy: input.givenBy, how: input.how },
    });
    if (before) follow = await afterTracingChange(trx, actor, subject, before, now);
    return presentConsent({ ...row, withdrawal: null });
  });
  if (follow) await rematch(deps, subject);
  return result;
}

/**
 * The override itself, in the caller's transaction: standing for the record, the row (recorded by
 * `recordedBy`, the official who asked for it, when a second administrator approved it), the
 * audit entry and the effect on the match queues. Returns what follows after the commit.
 */
async function overrideInTrx(trx: Executor, actor: Actor, input: ConsentOverrideInput, now: Date, approval?: { id: string; requestedBy: string }) {
  const subject: ConsentSubject = { type: input.subjectType, id: input.subjectId };
  const s = await resolveSubject(trx, actor, subject);
  const side = assertPartyStanding(actor, s);
  await assertSharingParty(trx, input.purpose);
  const before = input.purpose === 'tracing' ? await findConsentCheck(trx, subject, 'tracing', now) : null;
  const row = await insertConsent(trx, {
    subject_type: subject.type,
    subject_id: subject.id,
    purpose: input.purpose,
    basis: 'override',
    decision: null,
    given_by: null,
    how: null,
    given_on: null,
    evidence_media_id: null,
    legal_basis: input.legalBasis,
    reason: input.reason,
    side,
    party_id: actor.partyId ?? s.ownerPartyId ?? s.caseParties!.holding,
    recorded_by: approval?.requestedBy ?? actor.userId,
    recorded_at: now,
  });
  await recordAudit(trx, actor, {
    action: 'consent.override',
    recordType: 'consent',
    recordId: row.id,
    reason: input.reason,
    details: {
      subjectType: subject.type,
      subjectId: subject.id,
      purpose: input.purpose,
      legalBasis: input.legalBasis,
      ...(approval ? { approvalId: approval.id, requestedBy: approval.requestedBy } : {}),
    },
  });
  const follow = before ? await afterTracingChange(trx, actor, subject, before, now) : null;
  return { record: presentConsent({ ...row, withdrawal: null }), follow: follow ? subject : null };
}

export type OverrideResult = { record: ConsentRecord; approval: null } | { record: null; approval: PendingApprovalRow };

/**
 * A legal-basis override (e.g. the best interests of the child): processing for the purpose goes
 * ahead whatever the consent records say, until the override is withdrawn. Needs the
 * `consent.override` permission (checked by the route), standing for the record and a written
 * reason; audited with the reason, and listed in the overrides report.
 *
 * Two-person rule: unless switched off, the first administrator's call only asks for a second
 * administrator of the same party (the override waits in `pending_approval`, nothing is recorded);
 * it takes effect when the second approves it (`POST /api/v1/approvals/:id/approve`).
 */
export async function recordOverride(deps: ConsentDeps, actor: Actor, input: ConsentOverrideInput): Promise<OverrideResult> {
  const now = deps.clock.now();
  const policy = policyOf(deps);
  if (actor.kind !== 'system' && needsSecond(policy, 'consent.override')) {
    const approval = await deps.db.transaction().execute(async (trx) => {
      // The same checks as the override itself, so that nobody is asked to approve what cannot be done.
      const s = await resolveSubject(trx, actor, { type: input.subjectType, id: input.subjectId });
      assertPartyStanding(actor, s);
      await assertSharingParty(trx, input.purpose);
      return requestApproval(
        trx,
        actor,
        policy,
        {
          act: 'consent.override',
          subject: { type: input.subjectType, id: input.subjectId },
          payload: input,
          reason: input.reason,
          otherPartyId: null,
          notifySubject: { type: input.subjectType, id: input.subjectId },
        },
        now,
      );
    });
    return { record: null, approval };
  }
  const result = await deps.db.transaction().execute((trx) => overrideInTrx(trx, actor, input, now));
  if (result.follow) await rematch(deps, result.follow);
  return { record: result.record, approval: null };
}

/** What approving an override does (used by `POST /api/v1/approvals/:id/approve`). */
export function overrideApprovalHandler(deps: ConsentDeps): ActHandler {
  return {
    // Nothing to lock: the override is a new row; the payload is what the first administrator wrote.
    current: async (_trx, approval) => ({ payload: approval.payload }),
    async perform(trx, second, approval, now) {
      const input = consentOverrideInput.parse(approval.payload);
      const { follow } = await overrideInTrx(trx, second, input, now, { id: approval.id, requestedBy: approval.first_user_id });
      return follow ? () => rematch(deps, follow) : null;
    },
    release: async () => undefined,
  };
}

/**
 * Withdraws a consent (or ends an override): a new row, the record itself stays. Only the party
 * that recorded it may; an override only with `consent.override`. From now on the processing it
 * allowed stops (see consent.gate.ts); a tracing withdrawal takes the subject out of the queues.
 */
export async function withdrawConsent(deps: ConsentDeps, actor: Actor, id: string, reason: string): Promise<ConsentRecord> {
  const now = deps.clock.now();
  let follow: { subject: ConsentSubject; action: 'rematch' | null } | null = null;
  const result = await deps.db.transaction().execute(async (trx) => {
    const row = await findConsent(trx, id);
    if (!row) throw notFound();
    const subject: ConsentSubject = { type: row.subject_type, id: row.subject_id };
    await resolveSubject(trx, actor, subject);
    if (actor.kind !== 'system' && actor.partyId !== row.party_id) {
      throw new AppError('CONSENT_NO_STANDING', 'Only the party that recorded a consent can record its withdrawal.', { details: { reason: 'not-own-record' } });
    }
    if (row.basis === 'override' && !hasPermission(actor.roles, 'consent.override')) throw new AppError('FORBIDDEN', 'Ending an override needs the consent.override permission.');
    if (row.withdrawal) throw new AppError('CONSENT_ALREADY_WITHDRAWN', 'This consent has already been withdrawn.', { details: { withdrawnAt: row.withdrawal.withdrawn_at.toISOString() } });
    const before = row.purpose === 'tracing' ? await findConsentCheck(trx, subject, 'tracing', now) : null;
    const w = await insertWithdrawal(trx, { consent_id: id, withdrawn_at: now, withdrawn_by: actor.userId, party_id: actor.partyId ?? row.party_id, reason });
    if (!w) throw new AppError('CONSENT_ALREADY_WITHDRAWN', 'This consent has already been withdrawn.');
    await recordAudit(trx, actor, {
      action: row.basis === 'override' ? 'consent.override-end' : 'consent.withdraw',
      recordType: 'consent',
      recordId: id,
      reason,
      details: { subjectType: row.subject_type, subjectId: row.subject_id, purpose: row.purpose },
    });
    if (before) follow = { subject, action: await afterTracingChange(trx, actor, subject, before, now) };
    return presentConsent({ ...row, withdrawal: w });
  });
  const f = follow as { subject: ConsentSubject; action: 'rematch' | null } | null;
  if (f?.action) await rematch(deps, f.subject);
  return result;
}

/**
 * A record's consent history, the state of each purpose now, the mode it is processed under, and
 * the purposes a young person must now consent to themselves (a guardian's consent lapsed at 18).
 * Seen by the party that holds the record (a case: both its parties); others get 404. Audited
 * with the ids returned.
 */
export async function listConsents(deps: ConsentDeps, actor: Actor, subject: ConsentSubject) {
  const today = isoDay(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const s = await resolveSubject(trx, actor, subject);
    if (actor.kind !== 'system' && !s.caseParties && actor.partyId !== s.ownerPartyId) throw notFound();
    const rows = await findConsentsOf(trx, subject.type, [subject.id]);
    if (rows.length) await recordAudit(trx, actor, { action: 'consent.list', recordType: subject.type, recordId: subject.id, details: { ids: rows.map((r) => r.id) } });
    const states = statesByPurpose(rows, { subjectType: subject.type, age: s.birth ? ageStatus(s.birth, today) : 'unknown' });
    const parties = s.caseParties ? [s.caseParties.holding, s.caseParties.family] : [s.ownerPartyId!];
    const modes = await findModes(trx, parties);
    return {
      items: rows.map(presentConsent),
      states,
      mode: stricter(parties.map((p) => modes.find((m) => m.party_id === p)?.mode ?? 'transitional')),
      renewalNeeded: Object.keys(states).filter((p) => states[p] === 'lapsed'),
    };
  });
}

/** The overrides the caller's party made, newest first (the overrides report). Audited. */
export async function listOverrides(deps: ConsentDeps, actor: Actor, limit: number) {
  return deps.db.transaction().execute(async (trx) => {
    const rows = await findOverrides(trx, actor.kind === 'system' ? null : (actor.partyId ?? '00000000-0000-0000-0000-000000000000'), limit);
    await recordAudit(trx, actor, { action: 'consent.override-report', recordType: 'consent', recordId: null, details: { ids: rows.map((r) => r.id) } });
    return { items: rows.map(presentConsent) };
  });
}
