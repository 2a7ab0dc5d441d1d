import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { caseContact, contactCase, createPlan, type ContactCase } from './contact.test-support.ts';

// Moves the clock: a file of its own, so that no other test sees the time jump.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
});
afterAll(() => t.close());

const record = (client: Client, id: string, body: Record<string, unknown>) => client.post(`/api/v1/contact-occurrences/${id}/record`, body);

describe('contact regularity', () => {
  let cases: ContactCase[];
  let lone: ContactCase;

  beforeAll(async () => {
    // Five cases of one holding party in one region, one more in another region.
    const first = await contactCase(t, { region: 'Region A' });
    cases = [first];
    for (let i = 0; i < 4; i++) {
      const c = await contactCase(t, { region: 'Region A' });
      // Same two parties as the first case: move the case over to them.
      await t.database.db.updateTable('tracing_case').set({ holding_party_id: first.holdingParty.id, family_party_id: first.familyParty.id }).where('id', '=', c.caseId).execute();
      cases.push({ ...first, caseId: c.caseId, dossierId: c.dossierId, requestId: c.requestId });
    }
    lone = await contactCase(t, { region: 'Region B' });
    await t.database.db.updateTable('tracing_case').set({ holding_party_id: first.holdingParty.id, family_party_id: first.familyParty.id }).where('id', '=', lone.caseId).execute();
    lone = { ...first, caseId: lone.caseId };
    for (const c of [...cases, lone]) await createPlan(c, { channel: 'phone-call', intervalDays: 2 });
  }, 120_000);

  it('counts per case: due so far, held, missed, overdue, held on time, last held', async () => {
    const c = cases[0]!;
    const [d1, d3] = (await caseContact(c.holder, c.caseId)).occurrences; // due 06-01 and 06-03
    await record(c.holder, d1!.id, { outcome: 'held', durationMinutes: 20, heldAt: '2026-06-01T09:00:00Z' });
    t.clock.set('2026-06-05T12:00:00Z'); // d3 (06-03) overdue since 06-04; d5 (06-05) due, in grace
    const holder = await t.login(['caseworker'], c.holdingParty);
    await record(holder, d3!.id, { outcome: 'held', durationMinutes: 15, heldAt: '2026-06-05T08:00:00Z' }); // late
    const view = await caseContact(holder, c.caseId);
    expect(view.regularity).toEqual({
      due: 3,
      held: 2,
      missed: 0,
      cancelled: 0,
      overdue: 0,
      heldOnTime: 1,
      shareHeldOnTime: 1 / 3,
      lastHeldAt: '2026-06-05T08:00:00.000Z',
    });
    t.clock.set('2026-06-07T12:00:00Z'); // d5 now overdue too
    const later = await caseContact(await t.login(['caseworker'], c.holdingParty), c.caseId);
    expect(later.regularity).toMatchObject({ due: 4, overdue: 1, held: 2 });
    expect(later.occurrences.filter((o) => o.overdue).map((o) => o.dueAt)).toEqual(['2026-06-05T00:00:00.000Z']);
  });

  it('reports per region for the parties on the cases, suppressing regions under five cases', async () => {
    t.clock.set('2026-06-07T12:00:00Z');
    const reporter = await t.login(['viewer'], cases[0]!.familyParty);
    const res = await reporter.get('/api/v1/contact/regularity?from=2026-06-01&to=2026-06-07');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ from: '2026-06-01', to: '2026-06-07', minimumCell: 5 });
    const a = body.items.find((i: { region: string }) => i.region === 'Region A');
    // Five cases, each with contacts due 06-01, 03, 05, 07 (the 07th at midnight: due, in grace);
    // case 0 held two (one on time), the other 18 are unrecorded: 06-01/03/05 overdue.
    expect(a).toEqual({ region: 'Region A', suppressed: false, cases: 5, due: 20, held: 2, missed: 0, cancelled: 0, overdue: 4 * 3 + 1, heldOnTime: 1, shareHeldOnTime: 1 / 20 });
    const b = body.items.find((i: { region: string }) => i.region === 'Region B');
    expect(b).toEqual({ region: 'Region B', suppressed: true, cases: null, due: null, held: null, missed: null, cancelled: null, overdue: null, heldOnTime: null, shareHeldOnTime: null });

    const filtered = (await reporter.get('/api/v1/contact/regularity?region=Region%20B')).json();
    expect(filtered.items.map((i: { region: string }) => i.region)).toEqual(['Region B']);
    const outsider = await t.login(['viewer']);
    expect((await outsider.get('/api/v1/contact/regularity')).json().items).toEqual([]);
    expect((await reporter.get('/api/v1/contact/regularity?from=2026-06-07&to=2026-06-01')).statusCode).toBe(400);
    const caseworker = await t.login(['caseworker'], cases[0]!.holdingParty);
    expect((await caseworker.get('/api/v1/contact/regularity')).json().items).toHaveLength(2);
  });

  it('counts nothing for a day outside the window', async () => {
    const reporter = await t.login(['viewer'], cases[0]!.familyParty);
    const body = (await reporter.get(`/api/v1/contact/regularity?from=2026-07-01&to=2026-07-31`)).json();
    expect(body.items).toEqual([]);
  });
});
