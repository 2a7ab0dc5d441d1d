import type { SharingPolicyDocument } from '@homeward/contracts';
import { expect } from 'vitest';
import type { Client, TestApp } from '../../../test/test-app.ts';

// Three parties of different kinds, each with a caseworker (every tier) and an administrator,
// and records with every data point filled, for the sharing e2e tests.

export const fullDossier = {
  names: [{ givenName: 'Анна', familyName: 'Мельник' }],
  sex: 'female',
  birthDate: '2013-05-01',
  birthPlace: 'Херсон',
  displacement: { kind: 'crossed-border', place: 'Олешки', date: '2022-11' },
  currentLocation: { placement: 'institution', region: 'Region 7', address: 'Street 1, flat 2' },
  biography: 'Came with her class.',
  languages: ['uk'],
  services: { social: { receiving: true, summary: 's' }, medical: { receiving: true, summary: 'm' }, psychological: { receiving: false }, notes: 'n' },
};

export const fullRequest = {
  sought: { names: [{ givenName: 'Анна', familyName: 'Мельник' }], sex: 'female', birthDate: '2013-05-01', birthPlace: 'Херсон', displacement: { kind: 'crossed-border' }, lastKnownPlace: 'Олешки' },
  requester: { name: 'Ірина Мельник', relationship: 'mother', contact: { phone: '+380 50 000 0000' } },
};

export interface Member {
  party: { id: string; code: string; kind: string };
  worker: Client;
  admin: Client;
}

export async function threeParties(t: TestApp): Promise<Member[]> {
  const out: Member[] = [];
  for (const kind of ['home-country-authority', 'holding-country-authority', 'mediator']) {
    const p = await t.party(kind);
    out.push({ party: { ...p, kind }, worker: await t.login(['caseworker'], p), admin: await t.login(['administrator'], p) });
  }
  return out;
}

/** Proposes a policy and has every party named agree (each first gets a signing key). */
export async function activatePolicy(members: Member[], doc: SharingPolicyDocument) {
  const proposed = await members[0]!.admin.post('/api/v1/sharing-policies', doc);
  expect(proposed.statusCode, proposed.body).toBe(201);
  for (const m of members.filter((x) => doc.parties.includes(x.party.code))) {
    await ensureKey(m);
    const agreed = await m.admin.post(`/api/v1/sharing-policies/${doc.version}/agree`, { sha256: proposed.json().sha256 });
    expect(agreed.statusCode, agreed.body).toBe(200);
  }
  return proposed.json() as { sha256: string };
}

const keyed = new Set<string>();
export async function ensureKey(m: Member) {
  if (keyed.has(m.party.id)) return;
  const res = await m.admin.post(`/api/v1/parties/${m.party.id}/keys`, {});
  expect(res.statusCode, res.body).toBe(201);
  keyed.add(m.party.id);
}
