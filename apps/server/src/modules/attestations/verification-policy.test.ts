import { describe, expect, it } from 'vitest';
import { evaluatePolicy, type ClaimPolicy } from './verification-policy.ts';

const identity: ClaimPolicy = {
  claim: 'identity-verified',
  subjectType: 'dossier',
  coveredFields: ['names'],
  requirements: [
    { label: 'a party other than the supplier', notSupplier: true, notKinds: ['mediator'] },
    { label: 'the mediator', kinds: ['mediator'] },
  ],
};
const ua = { partyId: 'ua', partyKind: 'home-country-authority' };
const ru = { partyId: 'ru', partyKind: 'holding-country-authority' };
const med = { partyId: 'med', partyKind: 'mediator' };

describe('verification policy', () => {
  it('needs a non-supplier and the mediator, each a different party', () => {
    expect(evaluatePolicy(identity, 'ru', [ua, med]).status).toBe('verified');
    expect(evaluatePolicy(identity, 'ru', [ua]).requirements).toEqual([
      { label: 'a party other than the supplier', satisfiedBy: 'ua' },
      { label: 'the mediator', satisfiedBy: null },
    ]);
  });

  it('does not count the supplier attesting its own dossier', () => {
    expect(evaluatePolicy(identity, 'ru', [ru, med]).status).toBe('unverified');
  });

  it('does not let the mediator fill both slots', () => {
    expect(evaluatePolicy(identity, 'ru', [med]).status).toBe('unverified');
  });
});

describe('case policies', () => {
  const handover: ClaimPolicy = {
    claim: 'handover-completed',
    subjectType: 'case',
    coveredFields: ['handover'],
    requirements: [
      { label: 'the holding side', side: 'holding' },
      { label: 'the family side', side: 'family' },
    ],
  };
  const sides = { supplierPartyId: 'ua', sides: { holding: 'ru', family: 'ua' } };

  it('needs each side of the case, and no one else', () => {
    expect(evaluatePolicy(handover, sides, [ru, ua]).status).toBe('verified');
    expect(evaluatePolicy(handover, sides, [ru, med]).requirements).toEqual([
      { label: 'the holding side', satisfiedBy: 'ru' },
      { label: 'the family side', satisfiedBy: null },
    ]);
  });
});
