import { describe, expect, it } from 'vitest';
import type { SharingPolicyDocument } from '@homeward/contracts';
import type { DisclosurePreview, SharingPolicy, SharingPolicyList } from '../src/api/sharing.ts';
import { agreementStatus, policyMatrix, policyVersions, seenBy } from '../src/pages/sharing/sharing.ts';

const doc = (version: string, over: Partial<SharingPolicyDocument> = {}): SharingPolicyDocument => ({
  format: 'homeward-sharing-policy',
  version,
  parties: ['UA-DEMO', 'RU-DEMO'],
  rules: [
    {
      from: '*',
      to: '*',
      purposes: ['tracing', 'case-work'],
      legalBasis: 'public-task',
      dataPoints: ['dossier.names', 'dossier.birth'],
    },
    {
      from: '*',
      to: 'mediator',
      purposes: ['verification'],
      legalBasis: 'legitimate-interests',
      dataPoints: ['dossier.names'],
    },
    {
      from: 'UA-DEMO',
      to: 'holding-country-authority',
      purposes: ['tracing'],
      legalBasis: 'best-interests-of-the-child',
      dataPoints: ['request.*'],
    },
    { from: '*', to: '*', purposes: ['tracing'], legalBasis: 'consent', dataPoints: ['dossier.names'] },
  ],
  requestDefaults: [],
  ...over,
});

const record = (version: string, status: SharingPolicy['status']): SharingPolicy => ({
  version,
  sha256: 'b'.repeat(64),
  status,
  document: doc(version),
  proposedAt: '2026-11-01T10:00:00Z',
  activatedAt: status === 'proposed' ? null : '2026-11-02T10:00:00Z',
  agreements: [
    { partyCode: 'UA-DEMO', keyId: 'c'.repeat(64), signature: 'sig', agreedAt: '2026-11-01T11:00:00Z' },
  ],
  waitingFor: ['RU-DEMO'],
});

describe('policy matrix', () => {
  const { columns, rows } = policyMatrix(doc('v1'));
  const row = (d: string) => rows.find((r) => r.dataPoint === d)!;

  it('has one column per (whose records, to whom) pair, in rule order', () => {
    expect(columns).toEqual([
      { from: '*', to: '*' },
      { from: '*', to: 'mediator' },
      { from: 'UA-DEMO', to: 'holding-country-authority' },
    ]);
  });

  it('lists each purpose with its legal basis, merging rules of the same pair', () => {
    expect(row('dossier.names').cells[0]).toEqual([
      { purpose: 'tracing', legalBasis: 'public-task' },
      { purpose: 'case-work', legalBasis: 'public-task' },
      { purpose: 'tracing', legalBasis: 'consent' },
    ]);
    expect(row('dossier.names').cells[1]).toEqual([
      { purpose: 'verification', legalBasis: 'legitimate-interests' },
    ]);
    expect(row('dossier.biography').cells.every((c) => c.length === 0)).toBe(true);
  });

  it('expands patterns and never shares a restricted data point, whatever a pattern says', () => {
    expect(row('request.sought.names').cells[2]).toEqual([
      { purpose: 'tracing', legalBasis: 'best-interests-of-the-child' },
    ]);
    expect(row('request.requester.relationship').cells[2]).toHaveLength(1);
    expect(row('request.requester.contact')).toMatchObject({ restricted: true, cells: [[], [], []] });
    expect(row('dossier.currentLocation.address').restricted).toBe(true);
  });
});

describe('policy versions', () => {
  it('shows the policy in force first, then proposals, the built-in default, then superseded ones', () => {
    const list: SharingPolicyList = {
      active: record('v2', 'active'),
      builtIn: doc('homeward-default-1', { parties: [] }),
      history: [record('v3', 'proposed'), record('v2', 'active'), record('v1', 'superseded')],
    };
    expect(policyVersions(list).map((v) => v.key)).toEqual(['v2', 'v3', 'homeward-default-1', 'v1']);
  });

  it('shows the built-in default first while no agreed policy is in force', () => {
    const list: SharingPolicyList = {
      active: null,
      builtIn: doc('homeward-default-1', { parties: [] }),
      history: [record('v3', 'proposed')],
    };
    expect(policyVersions(list).map((v) => [v.key, v.policy?.status ?? null])).toEqual([
      ['homeward-default-1', null],
      ['v3', 'proposed'],
    ]);
  });

  it('says which named party has agreed and which not yet', () => {
    expect(
      agreementStatus(record('v3', 'proposed')).map((a) => [a.code, a.agreement?.agreedAt ?? null]),
    ).toEqual([
      ['UA-DEMO', '2026-11-01T11:00:00Z'],
      ['RU-DEMO', null],
    ]);
  });
});

describe('what another party sees of a request', () => {
  const own = {
    sought: {
      names: [{ givenName: 'Анна' }],
      sex: 'female',
      birthDate: '2013-05-01',
      birthPlace: null,
      displacement: { kind: 'unknown' },
      lastKnownPlace: 'Олешки',
    },
    requester: { name: 'Ірина', relationship: 'mother', contact: {} },
  };
  const preview = (withheld: string[]): DisclosurePreview => ({
    party: 'RU-DEMO',
    visible: true,
    request: { ...own, withheld } as unknown as DisclosurePreview['request'],
  });

  it('tells shown, withheld and nothing recorded apart', () => {
    const seen = seenBy(own, preview(['requester.name', 'sought.lastKnownPlace', 'requester.relationship']));
    expect(seen).toEqual({
      'request.sought.names': 'shown',
      'request.sought.sex': 'shown',
      'request.sought.birth': 'shown',
      'request.sought.displacement': 'empty',
      'request.sought.lastKnownPlace': 'withheld',
      'request.requester.relationship': 'withheld',
      'request.requester.name': 'withheld',
      'request.requester.contact': 'empty',
    });
  });

  it('says a party that does not see the request sees none of it', () => {
    const seen = seenBy(own, { party: 'XX-OTHER', visible: false, request: null });
    expect(new Set(Object.values(seen))).toEqual(new Set(['hidden']));
  });
});
