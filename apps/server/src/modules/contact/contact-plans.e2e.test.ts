import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { caseContact, contactCase, createPlan, DAY, planBody } from './contact.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z'); // a Monday
});
afterAll(() => t.close());

describe('contact plans', () => {
  it("creates a plan for an active case and schedules today's contact and four ahead", async () => {
    const c = await contactCase(t);
    const plan = await createPlan(c);
    expect(plan).toMatchObject({ status: 'active', channel: 'video-call', intervalDays: 7, languages: ['uk', 'ru'], interpreterNeeded: true, startsOn: '2026-06-01', version: 1 });
    const view = await caseContact(c.family, c.caseId);
    expect(view.plan!.id).toBe(plan.id);
    expect(view.occurrences.map((o) => o.dueAt)).toEqual([
      '2026-06-01T00:00:00.000Z',
      '2026-06-08T00:00:00.000Z',
      '2026-06-15T00:00:00.000Z',
      '2026-06-22T00:00:00.000Z',
      '2026-06-29T00:00:00.000Z',
    ]);
    expect(view.occurrences.every((o) => o.status === 'scheduled' && !o.overdue)).toBe(true);
  });

  it('places contacts on the preferred weekday and time', async () => {
    const c = await contactCase(t);
    await createPlan(c, { channel: 'phone-call', intervalDays: 14, preferredWeekday: 4, preferredTime: '16:30', startsOn: '2026-06-02' });
    const view = await caseContact(c.holder, c.caseId);
    expect(view.occurrences.map((o) => o.dueAt).slice(0, 2)).toEqual(['2026-06-04T16:30:00.000Z', '2026-06-18T16:30:00.000Z']);
  });

  it('refuses a plan for a case that is no longer active, with a clear code', async () => {
    const c = await contactCase(t, { status: 'reunited' });
    const res = await c.holder.post(`/api/v1/cases/${c.caseId}/contact-plan`, planBody(c));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONTACT_CASE_NOT_ACTIVE');
  });

  it('hides the case from a third party (404), refuses roles without contact.write (403)', async () => {
    const c = await contactCase(t);
    const stranger = await t.login(['caseworker']);
    expect((await stranger.post(`/api/v1/cases/${c.caseId}/contact-plan`, planBody(c))).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/cases/${c.caseId}/contact`)).statusCode).toBe(404);
    const verifier = await c.holderAs(['verifier']);
    const res = await verifier.post(`/api/v1/cases/${c.caseId}/contact-plan`, planBody(c));
    expect(res.statusCode).toBe(403);
  });

  it('requires each supervisor to be an active contact officer of that side, and sensible dates', async () => {
    const c = await contactCase(t);
    const viewer = await c.familyAs(['viewer']);
    const res = await c.holder.post(
      `/api/v1/cases/${c.caseId}/contact-plan`,
      planBody(c, { holdingSupervisorId: c.family.userId, familySupervisorId: viewer.userId, intervalDays: 10, preferredWeekday: 2, startsOn: '2026-05-31' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['familySupervisorId', 'holdingSupervisorId', 'preferredWeekday', 'startsOn']);
    const tooOften = await c.holder.post(`/api/v1/cases/${c.caseId}/contact-plan`, planBody(c, { intervalDays: 0 }));
    expect(tooOften.statusCode).toBe(400);
  });

  it('replaces the plan in force: the old one is cancelled, points to the new one, and loses its future contacts', async () => {
    const c = await contactCase(t);
    const first = await createPlan(c);
    const second = await createPlan(c, { channel: 'letter', intervalDays: 14 });
    const view = await caseContact(c.holder, c.caseId);
    expect(view.plan!.id).toBe(second.id);
    const old = await t.database.db.selectFrom('contact_plan').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(old).toMatchObject({ status: 'cancelled', replaced_by: second.id, status_reason: 'Replaced by a new plan.' });
    // Today's contact of the first plan was already due: it stays, to be reported; the rest went.
    const firstPlanContacts = view.occurrences.filter((o) => o.planId === first.id);
    expect(firstPlanContacts.map((o) => o.dueAt)).toEqual(['2026-06-01T00:00:00.000Z']);
    // The new plan owes nothing before now: no second contact due today.
    expect(view.occurrences.filter((o) => o.planId === second.id).map((o) => o.dueAt)).toEqual([
      '2026-06-15T00:00:00.000Z',
      '2026-06-29T00:00:00.000Z',
      '2026-07-13T00:00:00.000Z',
      '2026-07-27T00:00:00.000Z',
    ]);
  });

  it('suspends (with a reason), resumes and cancels a plan through its state table, with versions', async () => {
    const c = await contactCase(t);
    const plan = await createPlan(c);
    const url = `/api/v1/contact-plans/${plan.id}`;
    const noReason = await c.family.patch(url, { version: 1, status: 'suspended' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues[0].path).toBe('reason');
    const suspended = await c.family.patch(url, { version: 1, status: 'suspended', reason: 'Child in hospital' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', statusReason: 'Child in hospital', version: 2 });
    // Only the contact already due remains while suspended.
    expect((await caseContact(c.holder, c.caseId)).occurrences).toHaveLength(1);
    const stale = await c.family.patch(url, { version: 1, status: 'active' });
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    t.clock.advance(10 * DAY);
    try {
      // Sessions lapse over ten days: a colleague of the same side carries on.
      const family = await c.familyAs(['caseworker']);
      const resumed = await family.patch(url, { version: 2, status: 'active' });
      expect(resumed.json()).toMatchObject({ status: 'active', version: 3 });
      // The schedule picks up from now: the paused weeks do not come back as contacts owed.
      const dues = (await caseContact(family, c.caseId)).occurrences.map((o) => o.dueAt);
      expect(dues).toEqual(['2026-06-01T00:00:00.000Z', '2026-06-15T00:00:00.000Z', '2026-06-22T00:00:00.000Z', '2026-06-29T00:00:00.000Z', '2026-07-06T00:00:00.000Z']);
      expect((await family.patch(url, { version: 3, status: 'cancelled', reason: 'Child reunited' })).json().status).toBe('cancelled');
      const again = await family.patch(url, { version: 4, status: 'active' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('CONTACT_PLAN_NOT_ACTIVE');
    } finally {
      t.clock.advance(-10 * DAY);
    }
  });

  it('redraws the future schedule when the interval changes; a third party cannot change the plan', async () => {
    const c = await contactCase(t);
    const plan = await createPlan(c, { intervalDays: 1 });
    const res = await c.holder.patch(`/api/v1/contact-plans/${plan.id}`, { version: 1, intervalDays: 14, languages: ['uk'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ intervalDays: 14, languages: ['uk'], interpreterNeeded: true });
    const dues = (await caseContact(c.holder, c.caseId)).occurrences.map((o) => o.dueAt);
    expect(dues).toEqual(['2026-06-01T00:00:00.000Z', '2026-06-15T00:00:00.000Z', '2026-06-29T00:00:00.000Z', '2026-07-13T00:00:00.000Z', '2026-07-27T00:00:00.000Z']);
    const stranger = await t.login(['caseworker']);
    expect((await stranger.patch(`/api/v1/contact-plans/${plan.id}`, { version: 2, intervalDays: 7 })).statusCode).toBe(404);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', plan.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['contact-plan.create', 'contact-plan.update']);
  });
});

describe('contact API contract', () => {
  it('is part of the OpenAPI document, with the record outcomes as alternatives', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/cases/{id}/contact-plan', '/api/v1/contact-plans/{id}', '/api/v1/contact-occurrences/{id}/record', '/api/v1/cases/{id}/contact', '/api/v1/contact/regularity', '/api/v1/cases/{id}/messages', '/api/v1/messages/{id}', '/api/v1/messages/{id}/review']),
    );
    const record = doc.paths['/api/v1/contact-occurrences/{id}/record'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(record)).toContain('durationMinutes');
  });
});
