import { sharingPolicyDocument, type SharingPolicyDocument } from '@homeward/contracts';
import { describe, expect, it } from 'vitest';
import { defaultSharingPolicy } from './default-policy.ts';
import { allowedFields, carriedDataPoints, disclosedFields, disclosureExcess, withholdRecord } from './sharing.engine.ts';

const home = { code: 'UA-NIB', kind: 'home-country-authority' };
const holder = { code: 'RU-MIN', kind: 'holding-country-authority' };
const mediator = { code: 'ICRC', kind: 'mediator' };

const policy: SharingPolicyDocument = sharingPolicyDocument.parse({
  format: 'homeward-sharing-policy',
  version: 'test-1',
  parties: ['UA-NIB', 'RU-MIN'],
  rules: [
    { to: 'mediator', purposes: ['case-work'], legalBasis: 'public-task', dataPoints: ['dossier.names', 'dossier.birth'] },
    { from: 'UA-NIB', to: 'RU-MIN', purposes: ['case-work', 'tracing'], legalBasis: 'best-interests-of-the-child', dataPoints: ['request.sought.*', 'request.requester.relationship'] },
  ],
  requestDefaults: [{ to: 'holding-country-authority', dataPoints: ['request.sought.names'] }],
});

const dossier = {
  id: 'd1',
  partyId: 'p1',
  status: 'open',
  names: [{ givenName: 'Anna' }],
  sex: 'female',
  birthDate: '2013-05-01',
  birthPlace: 'Kherson',
  displacement: { kind: 'crossed-border', place: 'X' },
  currentLocation: { placement: 'institution', region: 'R', address: 'Street 1' },
  biography: 'b',
  languages: ['uk'],
  services: { medical: { receiving: true, summary: 'm' } },
  sources: [],
  version: 1,
  createdAt: 't',
  updatedAt: 't',
  withheld: [],
};

describe('sharing policy engine', () => {
  it('denies by default: a purpose, a recipient or an owner no rule names gets nothing', () => {
    expect([...allowedFields(policy, { ownerParty: home, recipientParty: mediator, purpose: 'tracing', subject: 'dossier' })]).toEqual([]);
    expect([...allowedFields(policy, { ownerParty: holder, recipientParty: home, purpose: 'case-work', subject: 'request' })]).toEqual([]);
    expect([...allowedFields(policy, { ownerParty: home, recipientParty: mediator, purpose: 'case-work', subject: 'dossier' })]).toEqual(['dossier.names', 'dossier.birth']);
  });

  it('gives the owner its own records whole and never lets a restricted data point be named', () => {
    expect(allowedFields(policy, { ownerParty: home, recipientParty: home, purpose: 'statistics', subject: 'request' }).has('request.requester.contact')).toBe(true);
    const bad = sharingPolicyDocument.safeParse({ ...policy, rules: [{ to: '*', purposes: ['tracing'], legalBasis: 'consent', dataPoints: ['dossier.currentLocation.address'] }] });
    expect(bad.success).toBe(false);
  });

  it('withholds a field no data point names, e.g. one added to the record later', () => {
    const withSecret = { ...dossier, secretNewField: 'canary-123', currentLocation: { ...dossier.currentLocation, gps: '1,2' } };
    const out = withholdRecord('dossier', withSecret, allowedFields(defaultSharingPolicy, { ownerParty: home, recipientParty: holder, purpose: 'case-work', subject: 'dossier' }));
    expect(JSON.stringify(out.record)).not.toContain('canary-123');
    expect(out.withheld).toEqual(expect.arrayContaining(['secretNewField', 'currentLocation.gps', 'currentLocation.address']));
    expect(out.record.names).toEqual(dossier.names);
  });

  it('blanks what a stricter policy row leaves out and names it in withheld', () => {
    const out = withholdRecord('dossier', dossier, allowedFields(policy, { ownerParty: home, recipientParty: mediator, purpose: 'case-work', subject: 'dossier' }));
    expect(carriedDataPoints('dossier', out.record)).toEqual(['dossier.names', 'dossier.birth']);
    expect(out.record.sex).toBe('unknown');
    expect(out.withheld.sort()).toEqual(['biography', 'currentLocation.address', 'currentLocation.placement', 'currentLocation.region', 'displacement', 'languages', 'services.medical', 'sex'].sort());
  });

  it('narrows requests by the reporter choice or the default for the kind, never widening the policy', () => {
    const ctx = { ownerParty: home, recipientParty: holder, purpose: 'case-work' as const };
    expect([...disclosedFields(policy, null, ctx)]).toEqual(['request.sought.names']);
    expect([...disclosedFields(policy, { 'RU-MIN': ['request.sought.*', 'request.requester.name'] }, ctx)]).toEqual([
      'request.sought.names', 'request.sought.sex', 'request.sought.birth', 'request.sought.displacement', 'request.sought.lastKnownPlace',
    ]);
    const kinds = new Map([['RU-MIN', 'holding-country-authority'], ['ICRC', 'mediator']]);
    expect(disclosureExcess(policy, { 'RU-MIN': ['sought.names', 'requester.relationship'] }, home, kinds)).toEqual([]);
    expect(disclosureExcess(policy, { 'RU-MIN': ['request.requester.contact'], mediator: ['request.sought.names'] }, home, kinds)).toEqual([
      { recipient: 'RU-MIN', dataPoints: ['request.requester.contact'] },
      { recipient: 'mediator', dataPoints: ['request.sought.names'] },
    ]);
  });
});
