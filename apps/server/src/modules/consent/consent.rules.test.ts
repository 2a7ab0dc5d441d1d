import { describe, expect, it } from 'vitest';
import { ageStatus, checkStanding, consentState, hasLapsed, isBlocked, stricter, type StandingInput, type StateRecord } from './consent.rules.ts';

const born = (birthDate: string | null, precision: 'day' | 'month' | 'year' | 'unknown' = 'day') => ({ birthDate, precision, birthYear: birthDate ? Number(birthDate.slice(0, 4)) : null });

describe('ageStatus', () => {
  it('turns adult on the 18th birthday, 29 February on 1 March', () => {
    expect(ageStatus(born('2008-06-15'), '2026-06-14')).toBe('minor');
    expect(ageStatus(born('2008-06-15'), '2026-06-15')).toBe('adult');
    expect(ageStatus(born('2008-02-29'), '2026-02-28')).toBe('minor');
    expect(ageStatus(born('2008-02-29'), '2026-03-01')).toBe('adult');
  });

  it('is uncertain while a birth date known to the year may or may not be 18 years ago', () => {
    expect(ageStatus(born('2008-01-01', 'year'), '2026-06-01')).toBe('uncertain');
    expect(ageStatus(born('2008-01-01', 'year'), '2027-01-01')).toBe('adult');
    expect(ageStatus(born('2008-01-01', 'year'), '2025-12-31')).toBe('minor');
    expect(ageStatus(born(null, 'unknown'), '2026-06-01')).toBe('unknown');
  });
});

describe('checkStanding', () => {
  const dossier = (over: Partial<StandingInput>): StandingInput => ({ subjectType: 'dossier', giver: 'guardian', partyId: 'A', ownerPartyId: 'A', age: 'minor', ...over });

  it("lets a party record consent only for its own records and its own side's people", () => {
    expect(checkStanding(dossier({}))).toEqual({ ok: true, side: null });
    expect(checkStanding(dossier({ partyId: 'B' }))).toEqual({ ok: false, reason: 'not-own-record' });
    expect(checkStanding({ subjectType: 'request', giver: 'parent', partyId: 'B', ownerPartyId: 'A', age: 'minor' })).toEqual({ ok: false, reason: 'not-own-record' });
    const kase = { subjectType: 'case' as const, caseParties: { holding: 'H', family: 'F' }, age: 'minor' as const };
    expect(checkStanding({ ...kase, giver: 'guardian', partyId: 'H' })).toEqual({ ok: true, side: 'holding' });
    expect(checkStanding({ ...kase, giver: 'parent', partyId: 'F' })).toEqual({ ok: true, side: 'family' });
    expect(checkStanding({ ...kase, giver: 'child', partyId: 'F' })).toEqual({ ok: false, reason: 'not-own-side' });
    expect(checkStanding({ ...kase, giver: 'parent', partyId: 'H' })).toEqual({ ok: false, reason: 'not-own-side' });
    expect(checkStanding({ ...kase, giver: 'guardian', partyId: 'X' })).toEqual({ ok: false, reason: 'not-own-record' });
  });

  it('gives consent to the young person once they are, or may be, 18: no guardian for them', () => {
    expect(checkStanding(dossier({ age: 'adult' }))).toEqual({ ok: false, reason: 'guardian-for-adult' });
    expect(checkStanding(dossier({ age: 'uncertain' }))).toEqual({ ok: false, reason: 'guardian-for-adult' });
    expect(checkStanding(dossier({ giver: 'parent', age: 'adult' }))).toEqual({ ok: false, reason: 'guardian-for-adult' });
    expect(checkStanding(dossier({ giver: 'child', age: 'adult' }))).toEqual({ ok: false, reason: 'child-is-adult' });
    expect(checkStanding(dossier({ giver: 'young-person', age: 'adult' }))).toEqual({ ok: true, side: null });
    expect(checkStanding(dossier({ giver: 'young-person', age: 'uncertain' }))).toEqual({ ok: true, side: null });
    expect(checkStanding(dossier({ giver: 'young-person', age: 'minor' }))).toEqual({ ok: false, reason: 'young-person-is-minor' });
    expect(checkStanding(dossier({ giver: 'legal-representative', age: 'adult' }))).toEqual({ ok: true, side: null });
    expect(checkStanding(dossier({ age: 'unknown' }))).toEqual({ ok: true, side: null });
  });

  it("keeps a parent's standing on the family's own request whatever the sought person's age", () => {
    expect(checkStanding({ subjectType: 'request', giver: 'parent', partyId: 'A', ownerPartyId: 'A', age: 'adult' })).toEqual({ ok: true, side: null });
    expect(checkStanding({ subjectType: 'request', giver: 'guardian', partyId: 'A', ownerPartyId: 'A', age: 'adult' })).toEqual({ ok: false, reason: 'guardian-for-adult' });
    expect(checkStanding({ subjectType: 'request', giver: 'child', partyId: 'A', ownerPartyId: 'A', age: 'minor' })).toEqual({ ok: false, reason: 'giver-not-for-subject' });
  });
});

describe('consentState', () => {
  let order = 0;
  const rec = (over: Partial<StateRecord> = {}): StateRecord => ({ basis: 'consent', decision: 'given', side: null, order: ++order, withdrawn: false, lapsed: false, ...over });

  it('is unknown without records, given or refused by the newest record in force, withdrawn when all are', () => {
    expect(consentState([])).toBe('unknown');
    expect(consentState([rec()])).toBe('given');
    expect(consentState([rec(), rec({ decision: 'refused' })])).toBe('refused');
    expect(consentState([rec({ decision: 'refused' }), rec()])).toBe('given');
    expect(consentState([rec({ withdrawn: true })])).toBe('withdrawn');
    expect(consentState([rec(), rec({ withdrawn: true })])).toBe('given');
  });

  it('lets an override in force win, and an ended one count for nothing', () => {
    expect(consentState([rec({ withdrawn: true }), rec({ basis: 'override', decision: null })])).toBe('override');
    expect(consentState([rec({ withdrawn: true }), rec({ basis: 'override', decision: null, withdrawn: true })])).toBe('withdrawn');
  });

  it('on a case, needs both sides: either side refusing or withdrawing decides', () => {
    expect(consentState([rec({ side: 'holding' }), rec({ side: 'family' })])).toBe('given');
    expect(consentState([rec({ side: 'holding', withdrawn: true }), rec({ side: 'family' })])).toBe('withdrawn');
    expect(consentState([rec({ side: 'holding' }), rec({ side: 'family', decision: 'refused' })])).toBe('refused');
  });

  it("is lapsed when the newest record in force is a guardian's consent that no longer counts; the young person's own record replaces it", () => {
    expect(consentState([rec({ lapsed: true })])).toBe('lapsed');
    expect(consentState([rec({ lapsed: true }), rec()])).toBe('given');
    expect(consentState([rec({ lapsed: true }), rec({ decision: 'refused' })])).toBe('refused');
    expect(consentState([rec({ lapsed: true }), rec({ basis: 'override', decision: null })])).toBe('override');
    // On a case a lapse on either side decides, as a withdrawal does.
    expect(consentState([rec({ side: 'holding', lapsed: true }), rec({ side: 'family' })])).toBe('lapsed');
  });

  it('in transitional mode blocks processing on a refusal, a withdrawal or a lapse, never on unknown', () => {
    const states = ['unknown', 'given', 'refused', 'withdrawn', 'lapsed', 'override'] as const;
    expect(states.filter((s) => isBlocked(s, 'transitional'))).toEqual(['refused', 'withdrawn', 'lapsed']);
  });

  it('in strict mode lets through only consent or an override on record', () => {
    const states = ['unknown', 'given', 'refused', 'withdrawn', 'lapsed', 'override'] as const;
    expect(states.filter((s) => !isBlocked(s, 'strict'))).toEqual(['given', 'override']);
    expect(stricter(['transitional', 'strict'])).toBe('strict');
    expect(stricter(['transitional', 'transitional'])).toBe('transitional');
    expect(stricter([])).toBe('transitional');
  });
});

describe('hasLapsed', () => {
  const given = { basis: 'consent' as const, decision: 'given' as const, side: null };

  it("ends a guardian's consent from the first day the person may be 18, not before", () => {
    expect(hasLapsed({ ...given, givenBy: 'guardian' }, 'dossier', 'minor')).toBe(false);
    expect(hasLapsed({ ...given, givenBy: 'guardian' }, 'dossier', 'uncertain')).toBe(true);
    expect(hasLapsed({ ...given, givenBy: 'guardian' }, 'dossier', 'adult')).toBe(true);
    // Nobody can tell when a person without a birth date turns 18: the guardian's consent stands.
    expect(hasLapsed({ ...given, givenBy: 'guardian' }, 'dossier', 'unknown')).toBe(false);
  });

  it("ends a parent's consent given for the child, not a parent's own on the family's request", () => {
    expect(hasLapsed({ ...given, givenBy: 'parent' }, 'dossier', 'adult')).toBe(true);
    expect(hasLapsed({ ...given, givenBy: 'parent' }, 'request', 'adult')).toBe(false);
    expect(hasLapsed({ ...given, givenBy: 'parent', side: 'family' }, 'case', 'adult')).toBe(false);
    expect(hasLapsed({ ...given, givenBy: 'guardian', side: 'holding' }, 'case', 'adult')).toBe(true);
  });

  it("keeps the person's own consent, a legal representative's, a refusal and an override", () => {
    for (const givenBy of ['child', 'young-person', 'legal-representative'] as const) expect(hasLapsed({ ...given, givenBy }, 'dossier', 'adult')).toBe(false);
    expect(hasLapsed({ ...given, decision: 'refused', givenBy: 'guardian' }, 'dossier', 'adult')).toBe(false);
    expect(hasLapsed({ basis: 'override', decision: null, givenBy: null, side: null }, 'dossier', 'adult')).toBe(false);
  });
});
