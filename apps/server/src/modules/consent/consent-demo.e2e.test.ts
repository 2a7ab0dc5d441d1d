import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { seedDemo } from '../demo/demo.service.ts';
import { findPartyByCode } from '../parties/parties.repository.ts';
import { findBlocked } from './consent.gate.ts';

// The demo carries consent records, so that it works with its parties in strict mode.
let t: TestApp;
let holder: { id: string; code: string };
let home: { id: string; code: string };
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
  await seedDemo(t.database.db, t.clock, 40);
  holder = (await findPartyByCode(t.database.db, 'RU-DEMO'))!;
  home = (await findPartyByCode(t.database.db, 'UA-DEMO'))!;
  for (const party of [holder, home]) {
    const admin = await t.login(['administrator'], party);
    const res = await admin.request({ method: 'PUT', url: '/api/v1/consents/mode', payload: { mode: 'strict' } });
    expect(res.statusCode, res.body).toBe(200);
  }
}, 120_000);
afterAll(() => t.close());

const idsOf = async (table: 'dossier' | 'tracing_request', partyId: string) => (await t.database.db.selectFrom(table).select('id').where('party_id', '=', partyId).execute()).map((r) => r.id);

describe('the demo under strict mode', () => {
  it('has consent to tracing and to sharing with the other party on record for every demo dossier and request', async () => {
    const now = t.clock.now();
    const dossiers = await idsOf('dossier', holder.id);
    const requests = await idsOf('tracing_request', home.id);
    expect(dossiers.length).toBe(40);
    expect(requests.length).toBeGreaterThan(0);
    for (const purpose of ['tracing', 'photo-use', 'contact', `sharing:${home.code}`]) expect(await findBlocked(t.database.db, 'dossier', dossiers, purpose, now)).toEqual(new Set());
    for (const purpose of ['tracing', `sharing:${holder.code}`]) expect(await findBlocked(t.database.db, 'request', requests, purpose, now)).toEqual(new Set());
  });

  it('still proposes matches for the demo requests', async () => {
    const reviewer: Client = await t.login(['match-reviewer'], home);
    let proposed = 0;
    for (const id of (await idsOf('tracing_request', home.id)).slice(0, 10)) {
      const res = await reviewer.post(`/api/v1/requests/${id}/match`);
      expect(res.statusCode, res.body).toBe(200);
      proposed += res.json().items.length;
    }
    expect(proposed).toBeGreaterThan(0);
  });

  it('does not process a dossier added later without consent, and seeding again adds nothing twice', async () => {
    const caseworker = await t.login(['caseworker'], holder);
    const added = await caseworker.post('/api/v1/dossiers', { names: [{ givenName: 'Иван', familyName: 'Новиков' }], sex: 'male', birthDate: '2014-02-02' });
    expect(added.statusCode, added.body).toBe(201);
    expect(await findBlocked(t.database.db, 'dossier', [added.json().id], 'tracing', t.clock.now())).toEqual(new Set([added.json().id]));
    const count = async () => Number((await t.database.db.selectFrom('consent').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    await seedDemo(t.database.db, t.clock, 40);
    // Neither the demo's records are consented twice, nor is a record the demo did not supply.
    expect(await count()).toBe(before);
    expect(await findBlocked(t.database.db, 'dossier', [added.json().id], 'tracing', t.clock.now())).toEqual(new Set([added.json().id]));
  });
});
