import type { SharingPolicyDocument } from '@homeward/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { defaultSharingPolicy } from './default-policy.ts';
import { activatePolicy, fullDossier, fullRequest, threeParties, type Member } from './sharing-fixtures.ts';
import { carriedDataPoints, coreDataPoint, dataPointPaths, disclosedFields, allowedFields, policyFor, type SharingSubject } from './sharing.engine.ts';

// Issue 13's proof: for every ordered pair of three parties of different kinds, the data points of
// a dossier and of a request that reach the other party through GET are exactly the policy row
// (what a caseworker of the owner's party sees, cut to the row), and `withheld` names the rest.

let t: TestApp;
let members: Member[];
const records = new Map<string, { dossier: string; request: string; ownDossier: object; ownRequest: object }>();

beforeAll(async () => {
  t = await createTestApp();
  members = await threeParties(t);
  for (const m of members) {
    const d = await m.worker.post('/api/v1/dossiers', fullDossier);
    const r = await m.worker.post('/api/v1/requests', fullRequest);
    expect(d.statusCode, d.body).toBe(201);
    expect(r.statusCode, r.body).toBe(201);
    records.set(m.party.id, { dossier: d.json().id, request: r.json().id, ownDossier: d.json(), ownRequest: r.json() });
  }
});
afterAll(() => t.close());

const custom = (codes: string[]): SharingPolicyDocument => ({
  format: 'homeward-sharing-policy',
  version: 'pilot-1',
  parties: codes,
  rules: [
    { from: '*', to: 'mediator', purposes: ['case-work'], legalBasis: 'public-task', dataPoints: ['dossier.names', 'dossier.birth', 'dossier.sources'] },
    { from: 'home-country-authority', to: 'holding-country-authority', purposes: ['case-work', 'tracing'], legalBasis: 'best-interests-of-the-child', dataPoints: ['dossier.*', 'request.sought.*', 'request.requester.relationship'] },
    { from: 'holding-country-authority', to: 'home-country-authority', purposes: ['case-work'], legalBasis: 'best-interests-of-the-child', dataPoints: ['dossier.names', 'dossier.sex', 'dossier.birth', 'dossier.currentLocation.region', 'dossier.services.medical'] },
  ],
  requestDefaults: [],
});

async function checkPair(owner: Member, reader: Member, subject: SharingSubject, active: SharingPolicyDocument | null) {
  const rec = records.get(owner.party.id)!;
  const policy = policyFor(owner.party, active, defaultSharingPolicy);
  const ctx = { ownerParty: owner.party, recipientParty: reader.party, purpose: 'case-work' as const };
  const expected = subject === 'dossier' ? allowedFields(policy, { ...ctx, subject }) : disclosedFields(policy, null, ctx);
  const res = await reader.worker.get(`/api/v1/${subject === 'dossier' ? 'dossiers' : 'requests'}/${subject === 'dossier' ? rec.dossier : rec.request}`);
  const label = `${subject} of ${owner.party.kind} read by ${reader.party.kind}`;
  if (!expected.has(coreDataPoint[subject])) {
    expect(res.statusCode, label).toBe(404);
    return;
  }
  expect(res.statusCode, label).toBe(200);
  const body = res.json();
  const own = subject === 'dossier' ? rec.ownDossier : rec.ownRequest;
  const filled = carriedDataPoints(subject, own);
  expect(carriedDataPoints(subject, body).sort(), label).toEqual(filled.filter((d) => expected.has(d)).sort());
  const left = filled.filter((d) => !expected.has(d));
  const leftPaths = left.flatMap((d) => [...dataPointPaths(d)]).filter((p) => p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], own) != null);
  // Sub-fields (services.medical…) are named one by one; a whole restricted part by its own name.
  expect([...body.withheld].sort(), label).toEqual(leftPaths.sort());
}

async function checkMatrix(active: SharingPolicyDocument | null) {
  for (const owner of members) for (const reader of members) if (owner !== reader) for (const subject of ['dossier', 'request'] as const) await checkPair(owner, reader, subject, active);
}

describe('sharing policy: the party-pair matrix', () => {
  it('under the built-in policy, every pair gets exactly its row (dossiers shared, requests not)', async () => {
    await checkMatrix(null);
  });

  it('under an agreed policy, every pair gets exactly its new row, and the reader’s own party is unaffected', async () => {
    const doc = custom(members.map((m) => m.party.code));
    await activatePolicy(members, doc);
    await checkMatrix(doc);
    const own = await members[0]!.worker.get(`/api/v1/dossiers/${records.get(members[0]!.party.id)!.dossier}`);
    expect(own.json().currentLocation.address).toBe(fullDossier.currentLocation.address);
    expect(own.json().withheld).toEqual([]);
  });

  it('keeps role tiers on top: the stricter wins', async () => {
    const [home, holder] = members;
    const viewer = await t.login(['viewer'], holder!.party);
    const seen = (await viewer.get(`/api/v1/dossiers/${records.get(home!.party.id)!.dossier}`)).json();
    // The policy gives the holding party every shareable dossier field; a viewer still has no services.
    expect(seen.services).toEqual({});
    expect(seen.withheld).toEqual(expect.arrayContaining(['services.medical', 'currentLocation.address']));
    expect(seen.biography).toBe(fullDossier.biography);
  });

  it('leaves a dossier out of lists for a party the policy does not share it with', async () => {
    const [home, , mediator] = members;
    const list = (await mediator!.worker.get('/api/v1/dossiers?limit=100')).json();
    expect(list.items.map((d: { id: string }) => d.id)).toContain(records.get(home!.party.id)!.dossier);
    const item = list.items.find((d: { id: string }) => d.id === records.get(home!.party.id)!.dossier);
    expect(carriedDataPoints('dossier', item).sort()).toEqual(['dossier.birth', 'dossier.names']);
  });
});
