import { AppError } from '../../errors.ts';
import type { BirthPrecision } from '../age-out/age-out.rules.ts';
import type { Executor } from '../audit/audit.repository.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { findErased } from '../erasure/erasure.lookup.ts';
import { isoDay } from '../names/date-rules.ts';
import { findActiveSuspension, findAgeOutDossiers, findConsentsOf, findModes, findSubjectFacts, type SubjectFactsRow } from './consent.repository.ts';
import { ageStatus, consentState, hasLapsed, isBlocked, isPermitted, stricter, type AgeStatus, type ConsentMode, type ConsentState, type StateRecord } from './consent.rules.ts';
import type { ConsentSubjectType, ConsentWithWithdrawal } from './consent.tables.ts';

// The checks other modules make at the moment they process a record: matching, photos shown to
// another party, contact, and sharing in exchange bundles. Each reads the consent records, the
// owning party's mode and the person's age then (no cache, `now` from the caller's clock), so a
// withdrawal, a switch to strict mode or an 18th birthday stops the processing from the next act on.
// An erased record is never processed again, whatever its consent said.

export interface ConsentSubject {
  type: ConsentSubjectType;
  id: string;
}

/** What the state of a subject's records depends on besides the records: what it is and how old the person is. */
export interface StateContext {
  subjectType: ConsentSubjectType;
  age: AgeStatus;
}

export const toStateRecord = (r: ConsentWithWithdrawal, ctx: StateContext): StateRecord => ({
  basis: r.basis,
  decision: r.decision,
  side: r.side,
  // The order of recording (the clock may give two records the same instant).
  order: Number(r.seq),
  withdrawn: r.withdrawal !== null,
  lapsed: hasLapsed({ basis: r.basis, decision: r.decision, givenBy: r.given_by, side: r.side }, ctx.subjectType, ctx.age),
});

/** The state of each purpose with records (a purpose not in the map is unknown). */
export function statesByPurpose(records: readonly ConsentWithWithdrawal[], ctx: StateContext): Record<string, ConsentState> {
  const byPurpose = new Map<string, StateRecord[]>();
  for (const r of records) byPurpose.set(r.purpose, [...(byPurpose.get(r.purpose) ?? []), toStateRecord(r, ctx)]);
  return Object.fromEntries([...byPurpose].map(([p, rs]) => [p, consentState(rs)]));
}

/** One subject's consent for one purpose now, with the mode that decides what `unknown` means. */
export interface ConsentCheck {
  state: ConsentState;
  mode: ConsentMode;
  /** The record (or, for a case, its dossier or request) was erased: nothing is processed any more. */
  erased: boolean;
  blocked: boolean;
}

interface Facts {
  mode: ConsentMode;
  erased: boolean;
  ctx: StateContext;
}

const birthOf = (f: SubjectFactsRow) => ({ birthDate: f.birth_date, precision: f.birth_date_precision as BirthPrecision, birthYear: f.birth_year });

/** Per subject: the mode of the parties it belongs to, whether it was erased, and the person's age today. */
async function loadFacts(db: Executor, type: ConsentSubjectType, ids: readonly string[], now: Date): Promise<Map<string, Facts>> {
  const rows = await findSubjectFacts(db, type, ids);
  const modes = new Map((await findModes(db, rows.flatMap((r) => r.party_ids))).map((m) => [m.party_id, m.mode]));
  const erased = await findErased(db, rows.flatMap((r) => r.record_ids));
  const today = isoDay(now);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        mode: stricter(r.party_ids.map((p) => modes.get(p) ?? 'transitional')),
        erased: r.record_ids.some((id) => erased.has(id)),
        ctx: { subjectType: type, age: ageStatus(birthOf(r), today) },
      },
    ]),
  );
}

/** The check of one purpose for each subject given (a subject that does not exist counts as transitional, unknown). */
export async function checkConsents(db: Executor, type: ConsentSubjectType, ids: readonly string[], purpose: string, now: Date): Promise<Map<string, ConsentCheck>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const [facts, records] = await Promise.all([loadFacts(db, type, unique, now), findConsentsOf(db, type, unique, [purpose])]);
  const bySubject = new Map<string, ConsentWithWithdrawal[]>();
  for (const r of records) bySubject.set(r.subject_id, [...(bySubject.get(r.subject_id) ?? []), r]);
  return new Map(
    unique.map((id) => {
      const f: Facts = facts.get(id) ?? { mode: 'transitional', erased: false, ctx: { subjectType: type, age: 'unknown' } };
      const state = consentState((bySubject.get(id) ?? []).map((r) => toStateRecord(r, f.ctx)));
      return [id, { state, mode: f.mode, erased: f.erased, blocked: f.erased || isBlocked(state, f.mode) }];
    }),
  );
}

/** One subject's consent for one purpose now. */
export async function findConsentCheck(db: Executor, subject: ConsentSubject, purpose: string, now: Date): Promise<ConsentCheck> {
  return (await checkConsents(db, subject.type, [subject.id], purpose, now)).get(subject.id)!;
}

/**
 * Of the subjects given, those whose processing for the purpose must stop now: erased, or their
 * consent refused, withdrawn or lapsed (no override), or, in strict mode, not on record at all.
 * @example const blocked = await findBlocked(trx, 'dossier', ids, 'tracing', deps.clock.now());
 */
export async function findBlocked(db: Executor, type: ConsentSubjectType, ids: readonly string[], purpose: string, now: Date): Promise<Set<string>> {
  const checks = await checkConsents(db, type, ids, purpose, now);
  return new Set([...checks].filter(([, c]) => c.blocked).map(([id]) => id));
}

/**
 * For the exchange module: whether the subject's data may go to the party with this code in a
 * bundle now. Both `sharing:<partyCode>` and `tracing` must let it through: a refusal, withdrawal
 * or lapse of either stops it (unless overridden), and so, in strict mode, does either not being
 * on record (see SECURITY.md, "Consent").
 * @example if (!(await hasSharingConsent(trx, { type: 'dossier', id }, 'UA-NIB', now))) continue;
 */
export async function hasSharingConsent(db: Executor, subject: ConsentSubject, partyCode: string, now: Date): Promise<boolean> {
  for (const purpose of [`sharing:${partyCode}`, 'tracing']) if ((await findConsentCheck(db, subject, purpose, now)).blocked) return false;
  return true;
}

/** For media: whether another party may be shown the subject's photos now. */
export async function mayShowPhotos(db: Executor, subject: ConsentSubject, now: Date): Promise<boolean> {
  return !(await findConsentCheck(db, subject, 'photo-use', now)).blocked;
}

/** Whether a case's contact is suspended now (scheduling checks this too). */
export async function isContactSuspended(db: Executor, caseId: string): Promise<boolean> {
  return !!(await findActiveSuspension(db, caseId));
}

const stopped: Partial<Record<ConsentState, string>> = {
  refused: 'Consent to contact is refused on the {subject}; contact cannot go ahead.',
  withdrawn: 'Consent to contact is withdrawn on the {subject}; contact cannot go ahead.',
  lapsed: "Consent to contact on the {subject} was given by a guardian for someone who is, or may be, 18 now: the young person must give it themselves before contact goes on.",
};

/**
 * Refuses contact on a case while it is suspended (409 CONTACT_SUSPENDED), once the child's
 * dossier or the family's request was erased (410 RECORD_ERASED), while consent to contact, on the
 * case or on the child's dossier, is refused or withdrawn (409 CONSENT_WITHDRAWN) or a guardian's
 * consent has lapsed at 18 (409 CONSENT_LAPSED), and, when either party of the case is in strict
 * mode, until the child's consent to contact is on record (409 CONSENT_REQUIRED): on the dossier,
 * or on the holding side of the case, or an override.
 */
export async function assertContactAllowed(db: Executor, kase: Pick<CaseRow, 'id' | 'dossier_id'>, now: Date): Promise<void> {
  const suspension = await findActiveSuspension(db, kase.id);
  if (suspension) {
    throw new AppError('CONTACT_SUSPENDED', "This case's contact is suspended; an officer other than the one who suspended it must lift the suspension first.", {
      details: { suspensionId: suspension.id, suspendedAt: suspension.suspended_at.toISOString() },
    });
  }
  const onCase = await findConsentCheck(db, { type: 'case', id: kase.id }, 'contact', now);
  if (onCase.erased) throw new AppError('RECORD_ERASED', "The child's dossier or the family's request of this case was erased: no contact goes through Homeward any more.");
  const onDossier = await findConsentCheck(db, { type: 'dossier', id: kase.dossier_id }, 'contact', now);
  for (const [subject, check] of [['case', onCase], ['dossier', onDossier]] as const) {
    if (!isBlocked(check.state, 'transitional')) continue;
    const message = (stopped[check.state] ?? '').replace('{subject}', subject);
    throw new AppError(check.state === 'lapsed' ? 'CONSENT_LAPSED' : 'CONSENT_WITHDRAWN', message, { details: { subjectType: subject, state: check.state } });
  }
  if (stricter([onCase.mode, onDossier.mode]) === 'strict' && !isPermitted(onDossier.state) && !isPermitted(await childSideOfCase(db, kase.id, now))) {
    throw new AppError('CONSENT_REQUIRED', "Strict consent: the child's consent to contact is not on record (on the dossier or the holding side of the case), so contact cannot go ahead.", {
      details: { purpose: 'contact' },
    });
  }
}

/** The case's contact consent counting only the child's side (the holding side) and overrides. */
async function childSideOfCase(db: Executor, caseId: string, now: Date): Promise<ConsentState> {
  const [facts, records] = await Promise.all([loadFacts(db, 'case', [caseId], now), findConsentsOf(db, 'case', [caseId], ['contact'])]);
  const ctx = facts.get(caseId)?.ctx ?? { subjectType: 'case' as const, age: 'unknown' as const };
  return consentState(records.filter((r) => r.basis === 'override' || r.side === 'holding').map((r) => toStateRecord(r, ctx)));
}

/**
 * Refuses an act of tracing on these records now (confirming a match between them): 410
 * RECORD_ERASED, 409 CONSENT_LAPSED for a guardian's consent that lapsed at 18, 409
 * CONSENT_REQUIRED when strict mode finds no consent on record, 409 CONSENT_WITHDRAWN when it is
 * refused or withdrawn. Proposals are taken out of the queues when consent is withdrawn; this
 * catches what changed with time alone (an 18th birthday, a party turning strict).
 */
export async function assertTraceable(db: Executor, subjects: readonly ConsentSubject[], now: Date): Promise<void> {
  for (const subject of subjects) {
    const check = await findConsentCheck(db, subject, 'tracing', now);
    if (!check.blocked) continue;
    const details = { subjectType: subject.type, subjectId: subject.id, state: check.state };
    if (check.erased) throw new AppError('RECORD_ERASED', `The ${subject.type} was erased.`, { details });
    if (check.state === 'lapsed') throw new AppError('CONSENT_LAPSED', `Consent to tracing on the ${subject.type} was given by a guardian for someone who is, or may be, 18 now: the young person must give it themselves.`, { details });
    if (check.state === 'unknown') throw new AppError('CONSENT_REQUIRED', `Strict consent: no consent to tracing is on record for the ${subject.type}.`, { details });
    throw new AppError('CONSENT_WITHDRAWN', `Consent to tracing is ${check.state} on the ${subject.type}.`, { details });
  }
}

/**
 * Of these subjects, the purposes whose consent lapsed at 18 (given by a guardian for someone who
 * is, or may be, 18 now): the young person must give it themselves. Subjects with none are left out.
 */
export async function findLapsedPurposes(db: Executor, type: ConsentSubjectType, ids: readonly string[], now: Date): Promise<Map<string, string[]>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const [facts, records] = await Promise.all([loadFacts(db, type, unique, now), findConsentsOf(db, type, unique)]);
  const out = new Map<string, string[]>();
  for (const id of unique) {
    const f = facts.get(id);
    if (!f) continue;
    const states = statesByPurpose(records.filter((r) => r.subject_id === id), f.ctx);
    const lapsed = Object.keys(states).filter((p) => states[p] === 'lapsed');
    if (lapsed.length) out.set(id, lapsed);
  }
  return out;
}

/**
 * For the age-out scan: per age-out entry, the purposes of its dossier's consent that the young
 * person must now give themselves (as a comma-separated list, for a notification's details).
 * @example (await consentRenewalsForAgeOut(trx, [entryId], now)).get(entryId) // 'photo-use,tracing'
 */
export async function consentRenewalsForAgeOut(db: Executor, ageOutIds: readonly string[], now: Date): Promise<Map<string, string>> {
  const entries = await findAgeOutDossiers(db, ageOutIds);
  const lapsed = await findLapsedPurposes(db, 'dossier', entries.map((e) => e.dossier_id), now);
  return new Map(entries.flatMap((e) => (lapsed.has(e.dossier_id) ? [[e.id, lapsed.get(e.dossier_id)!.sort().join(',')] as const] : [])));
}
