import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { caseContact, contactCase, createPlan } from './contact.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
});
afterAll(() => t.close());

const record = (id: string) => `/api/v1/contact-occurrences/${id}/record`;

describe('recording contacts', () => {
  it('records a held contact once; missed and cancelled ones need a reason', async () => {
    const c = await contactCase(t);
    await createPlan(c, { intervalDays: 1 });
    const [today, tomorrow, next] = (await caseContact(c.holder, c.caseId)).occurrences;
    const noDuration = await c.holder.post(record(today!.id), { outcome: 'held' });
    expect(noDuration.statusCode).toBe(400);
    const future = await c.holder.post(record(today!.id), { outcome: 'held', durationMinutes: 30, heldAt: '2026-06-01T11:00:00Z' });
    expect(future.json().issues).toEqual([{ path: 'heldAt', message: 'is in the future' }]);
    const held = await c.holder.post(record(today!.id), { outcome: 'held', durationMinutes: 25, heldAt: '2026-06-01T09:00:00Z', notes: 'Talked about school', wellbeing: 'Cheerful, slept well' });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ status: 'held', durationMinutes: 25, heldAt: '2026-06-01T09:00:00.000Z', recordedBy: c.holder.userId, wellbeing: 'Cheerful, slept well' });
    const twice = await c.family.post(record(today!.id), { outcome: 'missed', reason: 'x' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('CONTACT_ALREADY_RECORDED');

    const noReason = await c.holder.post(record(tomorrow!.id), { outcome: 'missed' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues[0].path).toContain('reason');
    expect((await c.holder.post(record(tomorrow!.id), { outcome: 'missed', reason: 'Line down' })).json()).toMatchObject({ status: 'missed', reason: 'Line down', durationMinutes: null });
    expect((await c.family.post(record(next!.id), { outcome: 'cancelled', reason: 'School trip' })).json().status).toBe('cancelled');

    // Recording tops the horizon up: four contacts still ahead.
    const view = await caseContact(c.holder, c.caseId);
    expect(view.occurrences.filter((o) => o.status === 'scheduled' && o.dueAt > '2026-06-01T10:00:00.000Z')).toHaveLength(4);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'fields', 'details']).where('record_id', '=', today!.id).execute();
    expect(audit).toEqual([{ action: 'contact.record', fields: ['status', 'notes', 'sensitive'], details: expect.objectContaining({ outcome: 'held' }) }]);
    expect(JSON.stringify(audit)).not.toContain('Cheerful');
  });

  it('refuses a contact of a cancelled or suspended plan with CONTACT_PLAN_NOT_ACTIVE', async () => {
    const c = await contactCase(t);
    const plan = await createPlan(c);
    const [today] = (await caseContact(c.holder, c.caseId)).occurrences;
    await c.holder.patch(`/api/v1/contact-plans/${plan.id}`, { version: 1, status: 'suspended', reason: 'Child moved' });
    const suspended = await c.holder.post(record(today!.id), { outcome: 'held', durationMinutes: 10 });
    expect(suspended.statusCode).toBe(409);
    expect(suspended.json().code).toBe('CONTACT_PLAN_NOT_ACTIVE');
    await c.holder.patch(`/api/v1/contact-plans/${plan.id}`, { version: 2, status: 'cancelled', reason: 'New arrangement' });
    const cancelled = await c.holder.post(record(today!.id), { outcome: 'held', durationMinutes: 10 });
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json()).toMatchObject({ code: 'CONTACT_PLAN_NOT_ACTIVE' });
  });

  it('answers 404 to a third party and 403 to a role without contact.write', async () => {
    const c = await contactCase(t);
    await createPlan(c);
    const [today] = (await caseContact(c.holder, c.caseId)).occurrences;
    expect((await (await t.login(['caseworker'])).post(record(today!.id), { outcome: 'held', durationMinutes: 10 })).statusCode).toBe(404);
    expect((await (await c.holderAs(['match-reviewer'])).post(record(today!.id), { outcome: 'held', durationMinutes: 10 })).statusCode).toBe(403);
  });

  it("shows the child's wellbeing only to the sensitive tier, and audits reading it", async () => {
    const c = await contactCase(t);
    await createPlan(c);
    const [today] = (await caseContact(c.holder, c.caseId)).occurrences;
    await c.holder.post(record(today!.id), { outcome: 'held', durationMinutes: 40, notes: 'Good call', wellbeing: 'Anxious about moving' });

    const officer = await c.familyAs(['communications-officer']);
    const seen = await caseContact(officer, c.caseId);
    expect(seen.occurrences[0]).toMatchObject({ notes: 'Good call', wellbeing: 'Anxious about moving' });
    expect(seen.withheld).toEqual([]);

    const reviewer = await c.holderAs(['match-reviewer']);
    const hidden = await caseContact(reviewer, c.caseId);
    expect(hidden.occurrences[0]!.notes).toBe('Good call');
    expect(hidden.occurrences[0]).not.toHaveProperty('wellbeing');
    expect(hidden.withheld).toEqual(['occurrences.wellbeing']);

    const reads = await t.database.db.selectFrom('audit_log').select(['actor_user_id', 'fields', 'details']).where('action', '=', 'contact.read').where('record_id', '=', c.caseId).execute();
    const byOfficer = reads.find((r) => r.actor_user_id === officer.userId)!;
    expect(byOfficer.fields).toEqual(['sensitive']);
    expect(byOfficer.details).toMatchObject({ sensitiveIds: [today!.id] });
    expect(reads.find((r) => r.actor_user_id === reviewer.userId)!.fields).toEqual([]);
  });
});
