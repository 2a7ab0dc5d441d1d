import { AppError } from '../../errors.ts';
import type { Executor } from '../audit/audit.repository.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { findActiveSuspension, findConsentsOf } from './consent.repository.ts';
import { consentState, isBlocked, type ConsentState, type StateRecord } from './consent.rules.ts';
import type { ConsentSubjectType, ConsentWithWithdrawal } from './consent.tables.ts';

// The checks other modules make at the moment they process a record: matching, photos shown to
// another party, contact, and sharing in exchange bundles. Each reads the consent records then
// (no cache), so a withdrawal stops the processing from the next act on.

export interface ConsentSubject {
  type: ConsentSubjectType;
  id: string;
}

export const toStateRecord = (r: ConsentWithWithdrawal): StateRecord => ({
  basis: r.basis,
  decision: r.decision,
  side: r.side,
  // The order of recording (the clock may give two records the same instant).
  order: Number(r.seq),
  withdrawn: r.withdrawal !== null,
});

/** The state of each purpose with records (a purpose not in the map is unknown). */
export function statesByPurpose(records: readonly ConsentWithWithdrawal[]): Record<string, ConsentState> {
  const byPurpose = new Map<string, StateRecord[]>();
  for (const r of records) byPurpose.set(r.purpose, [...(byPurpose.get(r.purpose) ?? []), toStateRecord(r)]);
  return Object.fromEntries([...byPurpose].map(([p, rs]) => [p, consentState(rs)]));
}

/** One subject's consent for one purpose now. */
export async function findConsentState(db: Executor, subject: ConsentSubject, purpose: string): Promise<ConsentState> {
  return consentState((await findConsentsOf(db, subject.type, [subject.id], [purpose])).map(toStateRecord));
}

/** Of the subjects given, those whose consent for the purpose stops processing (refused or withdrawn, no override). */
export async function findBlocked(db: Executor, type: ConsentSubjectType, ids: readonly string[], purpose: string): Promise<Set<string>> {
  const records = await findConsentsOf(db, type, [...new Set(ids)], [purpose]);
  const bySubject = new Map<string, StateRecord[]>();
  for (const r of records) bySubject.set(r.subject_id, [...(bySubject.get(r.subject_id) ?? []), toStateRecord(r)]);
  return new Set([...bySubject].filter(([, rs]) => isBlocked(consentState(rs))).map(([id]) => id));
}

/**
 * For the exchange module: whether the subject's data may go to the party with this code in a
 * bundle now. Refused or withdrawn consent for `sharing:<partyCode>`, or for tracing altogether,
 * stops it (unless overridden); unknown consent does not (see SECURITY.md, "Consent").
 * @example if (!(await hasSharingConsent(trx, { type: 'dossier', id }, 'UA-NIB'))) continue;
 */
export async function hasSharingConsent(db: Executor, subject: ConsentSubject, partyCode: string): Promise<boolean> {
  const records = await findConsentsOf(db, subject.type, [subject.id], [`sharing:${partyCode}`, 'tracing']);
  const states = statesByPurpose(records);
  return !Object.values(states).some(isBlocked);
}

/** For media: whether another party may be shown the subject's photos now. */
export async function mayShowPhotos(db: Executor, subject: ConsentSubject): Promise<boolean> {
  return !isBlocked(await findConsentState(db, subject, 'photo-use'));
}

/** Whether a case's contact is suspended now (scheduling checks this too). */
export async function isContactSuspended(db: Executor, caseId: string): Promise<boolean> {
  return !!(await findActiveSuspension(db, caseId));
}

/**
 * Refuses contact on a case while it is suspended (409 CONTACT_SUSPENDED) or while consent to
 * contact, on the case or on the child's dossier, is refused or withdrawn (409 CONSENT_WITHDRAWN).
 */
export async function assertContactAllowed(db: Executor, kase: Pick<CaseRow, 'id' | 'dossier_id'>): Promise<void> {
  const suspension = await findActiveSuspension(db, kase.id);
  if (suspension) {
    throw new AppError('CONTACT_SUSPENDED', "This case's contact is suspended; an officer other than the one who suspended it must lift the suspension first.", {
      details: { suspensionId: suspension.id, suspendedAt: suspension.suspended_at.toISOString() },
    });
  }
  for (const subject of [{ type: 'case', id: kase.id }, { type: 'dossier', id: kase.dossier_id }] as const) {
    const state = await findConsentState(db, subject, 'contact');
    if (isBlocked(state)) {
      throw new AppError('CONSENT_WITHDRAWN', `Consent to contact is ${state} on the ${subject.type}; contact cannot go ahead.`, { details: { subjectType: subject.type, state } });
    }
  }
}
