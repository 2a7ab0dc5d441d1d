import { describe, expect, it } from 'vitest';
import { checkSecond, defaultTwoPersonPolicy, eligibleSecond, needsSecond, twoPersonPolicy } from './two-person.ts';

const A = 'party-a';
const B = 'party-b';

describe('two-person policy', () => {
  it('asks by default for a second reviewer of the other party to open a case, and of the same party to merge or override', () => {
    const p = defaultTwoPersonPolicy;
    expect(eligibleSecond(p.acts['match.confirm-case'], { firstPartyId: A, otherPartyId: B })).toEqual({ partyId: B, permission: 'match.review' });
    expect(eligibleSecond(p.acts['match.confirm-merge'], { firstPartyId: A, otherPartyId: A })).toEqual({ partyId: A, permission: 'match.review' });
    expect(eligibleSecond(p.acts['consent.override'], { firstPartyId: A, otherPartyId: null })).toEqual({ partyId: A, permission: 'consent.override' });
    // No other party in the decision: the second comes from the same party.
    expect(eligibleSecond(p.acts['match.confirm-case'], { firstPartyId: A, otherPartyId: A }).partyId).toBe(A);
    expect(eligibleSecond({ required: true, secondFrom: 'any-party', permission: 'match.review' }, { firstPartyId: A, otherPartyId: B }).partyId).toBeNull();
  });

  it('never accepts the first person, then checks party and permission', () => {
    const e = { partyId: B, permission: 'match.review' as const };
    expect(checkSecond(e, 'u1', { userId: 'u1', partyId: B, roles: ['match-reviewer'] })).toEqual({ ok: false, code: 'SAME_PERSON' });
    expect(checkSecond(e, 'u1', { userId: null, partyId: B, roles: ['administrator'] })).toEqual({ ok: false, code: 'SAME_PERSON' });
    expect(checkSecond(e, 'u1', { userId: 'u2', partyId: A, roles: ['match-reviewer'] })).toEqual({ ok: false, code: 'NOT_ELIGIBLE_SECOND' });
    expect(checkSecond(e, 'u1', { userId: 'u2', partyId: B, roles: ['caseworker'] })).toEqual({ ok: false, code: 'NOT_ELIGIBLE_SECOND' });
    expect(checkSecond(e, 'u1', { userId: 'u2', partyId: B, roles: ['match-reviewer'] })).toEqual({ ok: true });
  });

  it('is switched off as a whole, and changed per act, by the deployment', () => {
    expect(needsSecond(twoPersonPolicy({ enabled: false }), 'match.confirm-case')).toBe(false);
    const p = twoPersonPolicy({ acts: { 'match.confirm-merge': { required: false }, 'match.confirm-case': { secondFrom: 'any-party' } } });
    expect(needsSecond(p, 'match.confirm-merge')).toBe(false);
    expect(p.acts['match.confirm-case']).toEqual({ required: true, secondFrom: 'any-party', permission: 'match.review' });
    expect(needsSecond(defaultTwoPersonPolicy, 'two-factor.reset')).toBe(true);
    expect(eligibleSecond(defaultTwoPersonPolicy.acts['user.grant-role'], { firstPartyId: A, otherPartyId: null })).toEqual({ partyId: A, permission: 'user.admin' });
    // An attestation is one party's statement: its second verifier is of the same party, never another.
    expect(needsSecond(defaultTwoPersonPolicy, 'attestation.verify')).toBe(true);
    expect(eligibleSecond(defaultTwoPersonPolicy.acts['attestation.verify'], { firstPartyId: A, otherPartyId: B })).toEqual({ partyId: A, permission: 'attestation.sign' });
    expect(needsSecond(twoPersonPolicy({ enabled: false }), 'attestation.verify')).toBe(false);
  });
});
