import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultJobSettings } from '../../jobs/job-types.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { flagOverdueContacts } from './contact-overdue.service.ts';
import { contactJobs } from './contact.jobs.ts';
import { caseContact, contactCase, createPlan, DAY } from './contact.test-support.ts';

// Moves the clock: a file of its own.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
});
afterAll(() => t.close());

const run = () => flagOverdueContacts({ db: t.database.db, clock: t.clock });
const notificationsFor = (occurrenceId: string) =>
  t.database.db.selectFrom('notification').selectAll().where('dedupe_key', '=', `contact-overdue:${occurrenceId}`).orderBy('user_id').execute();

describe('overdue contact job', () => {
  it('flags a contact unrecorded after its grace once, and tells the supervisors and communications officers once', async () => {
    const c = await contactCase(t);
    const holdingOfficer = await c.holderAs(['communications-officer']);
    const familyOfficer = await c.familyAs(['communications-officer']);
    const bystander = await c.familyAs(['viewer']);
    await createPlan(c, { channel: 'video-call', intervalDays: 7 });
    const recorded = await contactCase(t);
    await createPlan(recorded);
    const [done] = (await caseContact(recorded.holder, recorded.caseId)).occurrences;
    await recorded.holder.post(`/api/v1/contact-occurrences/${done!.id}/record`, { outcome: 'held', durationMinutes: 30 });
    const paused = await contactCase(t);
    const pausedPlan = await createPlan(paused);
    await paused.holder.patch(`/api/v1/contact-plans/${pausedPlan.id}`, { version: 1, status: 'suspended', reason: 'Line down' });

    const [first] = (await caseContact(c.holder, c.caseId)).occurrences; // due 06-01 00:00, grace to 06-02 00:00
    expect((await run()).flagged).toBe(0);
    t.clock.set('2026-06-02T00:00:00Z');
    expect((await run()).flagged).toBe(0); // exactly at the end of the grace: not yet
    t.clock.set('2026-06-02T00:15:00Z');

    const result = await run();
    expect(result.flagged).toBe(1);
    const rows = await notificationsFor(first!.id);
    expect(rows.map((r) => r.user_id).sort()).toEqual([c.holder.userId, c.family.userId, holdingOfficer.userId, familyOfficer.userId].sort());
    expect(rows.map((r) => r.user_id)).not.toContain(bystander.userId);
    expect(rows[0]).toMatchObject({ kind: 'contact.overdue', subject_type: 'case', subject_id: c.caseId });
    expect(rows[0]!.details).toEqual({ planId: expect.any(String), occurrenceId: first!.id, channel: 'video-call', dueAt: '2026-06-01T00:00:00.000Z' });
    const flaggedAt = (await t.database.db.selectFrom('contact_occurrence').select('overdue_flagged_at').where('id', '=', first!.id).executeTakeFirstOrThrow()).overdue_flagged_at;
    expect(flaggedAt?.toISOString()).toBe('2026-06-02T00:15:00.000Z');

    // Again, by the registered job this time: nothing new.
    t.clock.advance(15 * 60_000);
    const job = contactJobs.find((j) => j.name === 'contact.overdue')!;
    expect(job.schedule).toBe('*/15 * * * *');
    await job.handler({ db: t.database.db, clock: t.clock, secret: Buffer.alloc(32), settings: defaultJobSettings }, {});
    expect((await run()).flagged).toBe(0);
    expect(await notificationsFor(first!.id)).toHaveLength(4);
    const still = (await t.database.db.selectFrom('contact_occurrence').select('overdue_flagged_at').where('id', '=', first!.id).executeTakeFirstOrThrow()).overdue_flagged_at;
    expect(still?.toISOString()).toBe('2026-06-02T00:15:00.000Z');
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'contact.overdue').where('record_id', '=', first!.id).execute();
    expect(audit).toHaveLength(1);

    // The recorded contact and the suspended plan's contact were never flagged.
    const flagged = await t.database.db.selectFrom('contact_occurrence').select('case_id').where('overdue_flagged_at', 'is not', null).execute();
    expect(flagged.map((f) => f.case_id)).toEqual([c.caseId]);
    const holder = await c.holderAs(['caseworker']);
    expect((await caseContact(holder, c.caseId)).occurrences[0]).toMatchObject({ overdue: true, overdueFlaggedAt: '2026-06-02T00:15:00.000Z' });
  });

  it('keeps four contacts scheduled ahead as time passes, and flags each week that went unrecorded', async () => {
    const c = await contactCase(t);
    await createPlan(c, { channel: 'letter', intervalDays: 7, startsOn: '2026-06-03' });
    t.clock.advance(30 * DAY);
    await run();
    const rows = await t.database.db.selectFrom('contact_occurrence').selectAll().where('case_id', '=', c.caseId).orderBy('due_at').execute();
    const now = t.clock.now();
    expect(rows.filter((r) => r.due_at >= now && r.status === 'scheduled')).toHaveLength(4);
    // Letters have a week's grace: only those due more than seven days ago are flagged.
    const flagged = rows.filter((r) => r.overdue_flagged_at);
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((r) => r.due_at.getTime() + 7 * DAY < now.getTime())).toBe(true);
    expect(rows.filter((r) => !r.overdue_flagged_at && r.due_at.getTime() + 7 * DAY < now.getTime())).toEqual([]);
  });
});
