import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { caseContact, contactCase, createPlan } from '../contact/contact.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
});
afterAll(() => t.close());

const REASON = { reason: 'Safeguarding concern reported by the foster family.' };

describe('emergency suspension of contact', () => {
  it('blocks contacts and messages at once, shows to both sides, tells both sides, and needs a second officer to lift', async () => {
    const c = await contactCase(t);
    await createPlan(c);
    const before = await caseContact(c.holder, c.caseId);
    const due = before.occurrences[0]!;
    const sent = (await c.family.post(`/api/v1/cases/${c.caseId}/messages`, { body: 'Привіт' })).json();
    const familyOfficer = await c.familyAs(['communications-officer']);
    const holdingOfficer = await c.holderAs(['communications-officer']);

    const suspended = await c.holder.post(`/api/v1/cases/${c.caseId}/contact-suspension`, REASON);
    expect(suspended.statusCode, suspended.body).toBe(201);
    expect(suspended.json()).toMatchObject({ caseId: c.caseId, suspendedBy: c.holder.userId, liftedAt: null, reason: REASON.reason });
    expect((await c.holder.post(`/api/v1/cases/${c.caseId}/contact-suspension`, REASON)).json().code).toBe('CONTACT_SUSPENDED');

    // Both sides see it.
    for (const client of [c.holder, c.family]) {
      const view = (await client.get(`/api/v1/cases/${c.caseId}/contact-suspension`)).json();
      expect(view.active).toMatchObject({ id: suspended.json().id });
    }
    // Refused with one code: recording a contact as held, a new plan, a message, an approval.
    const refused = [
      await c.holder.post(`/api/v1/contact-occurrences/${due.id}/record`, { outcome: 'held', durationMinutes: 20 }),
      await c.holder.post(`/api/v1/cases/${c.caseId}/contact-plan`, { channel: 'video-call', intervalDays: 7, languages: ['uk'], interpreterNeeded: false, holdingSupervisorId: c.holder.userId, familySupervisorId: c.family.userId }),
      await c.family.post(`/api/v1/cases/${c.caseId}/messages`, { body: 'Ще одне' }),
      await holdingOfficer.post(`/api/v1/messages/${sent.id}/review`, { decision: 'approve' }),
    ];
    for (const res of refused) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('CONTACT_SUSPENDED');
    }
    // Nothing new is scheduled, and what was not yet due is withdrawn.
    const during = await caseContact(c.holder, c.caseId);
    expect(during.occurrences.filter((o) => o.status === 'scheduled' && o.dueAt > t.clock.now().toISOString())).toEqual([]);
    // Both sides' officers are told.
    for (const officer of [familyOfficer, holdingOfficer]) {
      const kinds = await t.database.db.selectFrom('notification').select('kind').where('user_id', '=', officer.userId).execute();
      expect(kinds.map((k) => k.kind)).toContain('contact.suspended');
    }

    const self = await c.holder.post(`/api/v1/cases/${c.caseId}/contact-suspension/lift`, { reason: 'Resolved.' });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe('SECOND_OFFICER_REQUIRED');
    const lifted = await familyOfficer.post(`/api/v1/cases/${c.caseId}/contact-suspension/lift`, { reason: 'Reviewed by both sides; contact may resume.' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json()).toMatchObject({ liftedBy: familyOfficer.userId });
    expect((await familyOfficer.post(`/api/v1/cases/${c.caseId}/contact-suspension/lift`, { reason: 'again' })).json().code).toBe('CONTACT_NOT_SUSPENDED');

    // Contact flows again, and the history stays.
    expect((await holdingOfficer.post(`/api/v1/messages/${sent.id}/review`, { decision: 'approve' })).statusCode).toBe(200);
    const view = (await c.family.get(`/api/v1/cases/${c.caseId}/contact-suspension`)).json();
    expect(view.active).toBeNull();
    expect(view.history).toHaveLength(1);
    expect((await caseContact(c.holder, c.caseId)).occurrences.some((o) => o.status === 'scheduled')).toBe(true);
  });

  it("is not open to parties outside the case, and contact consent withdrawn stops contact too", async () => {
    const c = await contactCase(t);
    const outsider = await t.login(['caseworker']);
    expect((await outsider.post(`/api/v1/cases/${c.caseId}/contact-suspension`, REASON)).statusCode).toBe(404);
    const given = await c.family.post('/api/v1/consents', { subjectType: 'case', subjectId: c.caseId, purpose: 'contact', givenBy: 'parent', how: 'written', givenOn: '2026-05-01' });
    expect(given.statusCode, given.body).toBe(201);
    await c.family.post(`/api/v1/consents/${given.json().id}/withdraw`, { reason: 'The mother asked for a pause.' });
    const res = await c.family.post(`/api/v1/cases/${c.caseId}/messages`, { body: 'Привіт' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONSENT_WITHDRAWN');
  });
});
