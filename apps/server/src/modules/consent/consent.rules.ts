import { birthRange, eighteenthBirthday, type BirthPrecision } from '../age-out/age-out.rules.ts';
import type { CaseSide, ConsentDecision, ConsentGiver, ConsentSubjectType } from './consent.tables.ts';

// The consent rules as pure functions: who has standing to give consent for whom, and what a
// subject's consent records amount to now. docs/SECURITY.md ("Consent") explains them.

/** The person's age on a day, as far as the recorded birth date tells. */
export type AgeStatus = 'minor' | 'adult' | 'uncertain' | 'unknown';

/**
 * Minor until the earliest possible 18th birthday, adult from the latest one (the age-out rules'
 * 18th birthday, 29 February included); in between, when the date is known only to the month or
 * year, uncertain.
 * @example ageStatus({ birthDate: '2008-06-15', precision: 'day', birthYear: 2008 }, '2026-06-15') // 'adult'
 */
export function ageStatus(birth: { birthDate: string | null; precision: BirthPrecision; birthYear: number | null }, today: string): AgeStatus {
  const range = birthRange(birth);
  if (!range) return 'unknown';
  if (today >= eighteenthBirthday(range.latest)) return 'adult';
  if (today < eighteenthBirthday(range.earliest)) return 'minor';
  return 'uncertain';
}

const mayBeAdult = (age: AgeStatus) => age === 'adult' || age === 'uncertain';

/**
 * Whether the giver speaks for the person rather than for themselves: a guardian always, a parent
 * except on the family's own request (or the family's side of a case), which is the parent's own.
 */
export function actsForThePerson(giver: ConsentGiver, subjectType: ConsentSubjectType, side: CaseSide | null): boolean {
  if (giver === 'guardian') return true;
  return giver === 'parent' && subjectType !== 'request' && side !== 'family';
}

export type StandingRefusal =
  | 'not-own-record'
  | 'not-own-side'
  | 'giver-not-for-subject'
  | 'guardian-for-adult'
  | 'child-is-adult'
  | 'young-person-is-minor';

export type Standing = { ok: true; side: CaseSide | null } | { ok: false; reason: StandingRefusal };

/** Who may give consent on each kind of record (and, for a case, on each side). */
const giversFor: Record<ConsentSubjectType | `case:${CaseSide}`, readonly ConsentGiver[]> = {
  // The holding party's record of the child.
  dossier: ['child', 'guardian', 'young-person', 'parent', 'legal-representative'],
  // The family's own request: the parent (or a guardian) who filed it, or the sought person.
  request: ['parent', 'guardian', 'young-person', 'legal-representative'],
  case: [],
  // Each side of a case records consent for its own people only.
  'case:holding': ['child', 'guardian', 'young-person', 'legal-representative'],
  'case:family': ['parent', 'guardian', 'legal-representative'],
};

export interface StandingInput {
  subjectType: ConsentSubjectType;
  giver: ConsentGiver;
  /** The recording party. */
  partyId: string | null;
  /** The record's owner: the dossier's holding party or the request's filing party... */
  ownerPartyId?: string;
  /** ...or, for a case, its two parties. */
  caseParties?: { holding: string; family: string };
  /** The age of the child the record is about. */
  age: AgeStatus;
}

/**
 * Whether a party may record consent given by `giver` on this record. A party records consent
 * only for its own records (a case: only for its own side's people). Someone acting for the child
 * (a guardian, or a parent on the child's record) has no standing once the child may be 18; a
 * parent's consent on the family's own request is theirs to give at any age of the sought person.
 * A child is a young person once surely 18, and not before it. A legal representative always may.
 * @example checkStanding({ subjectType: 'dossier', giver: 'guardian', partyId: 'A', ownerPartyId: 'A', age: 'adult' })
 * // { ok: false, reason: 'guardian-for-adult' }
 */
export function checkStanding(input: StandingInput): Standing {
  let side: CaseSide | null = null;
  if (input.subjectType === 'case') {
    const parties = input.caseParties;
    if (parties && input.partyId === parties.holding) side = 'holding';
    else if (parties && input.partyId === parties.family) side = 'family';
    else return { ok: false, reason: 'not-own-record' };
  } else if (!input.partyId || input.partyId !== input.ownerPartyId) {
    return { ok: false, reason: 'not-own-record' };
  }
  const key = side ? (`case:${side}` as const) : input.subjectType;
  if (!giversFor[key].includes(input.giver)) return { ok: false, reason: side ? 'not-own-side' : 'giver-not-for-subject' };
  if (actsForThePerson(input.giver, input.subjectType, side) && mayBeAdult(input.age)) return { ok: false, reason: 'guardian-for-adult' };
  if (input.giver === 'child' && input.age === 'adult') return { ok: false, reason: 'child-is-adult' };
  if (input.giver === 'young-person' && input.age === 'minor') return { ok: false, reason: 'young-person-is-minor' };
  return { ok: true, side };
}

export type ConsentState = 'unknown' | 'given' | 'refused' | 'withdrawn' | 'lapsed' | 'override';

/**
 * How a party's records are processed when nobody has recorded consent: `transitional` (the
 * default) lets unknown consent go on, `strict` stops it. docs/SECURITY.md ("Consent") explains why.
 */
export type ConsentMode = 'strict' | 'transitional';

/** What the state rule needs of one record. */
export interface StateRecord {
  basis: 'consent' | 'override';
  decision: ConsentDecision | null;
  side: CaseSide | null;
  /** The order of recording: later records win. */
  order: number;
  withdrawn: boolean;
  /** A consent given for the person by someone who no longer speaks for them (see `hasLapsed`). */
  lapsed: boolean;
}

/**
 * Whether a recorded consent has stopped counting: given by a guardian (or a parent acting for the
 * child) and the person is now, or may be, 18. Their own consent is needed from the earliest day
 * they may be 18 (the same day a guardian loses standing in `checkStanding`). Only a consent
 * lapses: a guardian's refusal keeps stopping processing until the young person decides.
 * @example hasLapsed({ basis: 'consent', decision: 'given', givenBy: 'guardian', side: null }, 'dossier', 'uncertain') // true
 */
export function hasLapsed(
  r: { basis: 'consent' | 'override'; decision: ConsentDecision | null; givenBy: ConsentGiver | null; side: CaseSide | null },
  subjectType: ConsentSubjectType,
  age: AgeStatus,
): boolean {
  return r.basis === 'consent' && r.decision === 'given' && r.givenBy !== null && actsForThePerson(r.givenBy, subjectType, r.side) && mayBeAdult(age);
}

function sideState(records: readonly StateRecord[]): ConsentState {
  const live = records.filter((r) => !r.withdrawn).sort((a, b) => b.order - a.order);
  if (live[0]) return live[0].decision === 'refused' ? 'refused' : live[0].lapsed ? 'lapsed' : 'given';
  return records.length ? 'withdrawn' : 'unknown';
}

/**
 * A subject's consent for one purpose. A legal-basis override in force wins. Otherwise the newest
 * record not withdrawn decides (given, refused, or lapsed when given by a guardian for someone who
 * may now be 18); with every record withdrawn it is withdrawn; with none, unknown. On a case each
 * side counts separately and a refusal, withdrawal or lapse on either side decides: contact needs both.
 * @example consentState([{ basis: 'consent', decision: 'given', side: null, order: 1, withdrawn: true, lapsed: false }]) // 'withdrawn'
 */
export function consentState(records: readonly StateRecord[]): ConsentState {
  if (records.some((r) => r.basis === 'override' && !r.withdrawn)) return 'override';
  const consents = records.filter((r) => r.basis === 'consent');
  const states = (['holding', 'family', null] as const).map((s) => sideState(consents.filter((r) => r.side === s)));
  for (const decisive of ['refused', 'withdrawn', 'lapsed', 'given'] as const) if (states.includes(decisive)) return decisive;
  return 'unknown';
}

/** Consent (or an override) on record and in force: the only states strict mode lets through. */
export const isPermitted = (state: ConsentState): boolean => state === 'given' || state === 'override';

/**
 * Whether processing for the purpose must stop. In both modes a refusal, a withdrawal or a lapsed
 * guardian's consent stops it (unless overridden). Unknown consent stops it only in strict mode;
 * in transitional mode records supplied by an authority under its legal mandate, and everything
 * recorded before consent was kept, go on as before.
 * @example isBlocked('unknown', 'transitional') // false
 * @example isBlocked('unknown', 'strict') // true
 */
export function isBlocked(state: ConsentState, mode: ConsentMode): boolean {
  if (isPermitted(state)) return false;
  return mode === 'strict' || state !== 'unknown';
}

/** The stricter of some parties' modes: a record two parties share is strict if either is. */
export const stricter = (modes: readonly ConsentMode[]): ConsentMode => (modes.includes('strict') ? 'strict' : 'transitional');
