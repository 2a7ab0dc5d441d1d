import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultJobSettings } from '../../jobs/job-types.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { reunificationJobs } from './reunification.jobs.ts';
import { caseStatus, expectOk, reunitedPlan } from './reunification.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
});
afterAll(() => t.close());

const job = reunificationJobs.find((j) => j.name === 'reunification.welfare-overdue')!;
const runJob = () => job.handler({ db: t.database.db, clock: t.clock, secret: Buffer.alloc(32, 7), settings: defaultJobSettings }, {});
const checksOf = (caseId: string) => t.database.db.selectFrom('welfare_check').selectAll().where('case_id', '=', caseId).orderBy('due_on').execute();
const overdueNotices = () => t.database.db.selectFrom('notification').select(['user_id', 'subject_id', 'dedupe_key', 'details']).where('kind', '=', 'reunification.welfare-overdue').execute();

describe('welfare checks', () => {
  it('schedules the days the plan names, and leaves a case without checks reunited', async () => {
    const custom = await reunitedPlan(t, { welfareCheckOffsets: [14, 180] });
    expect((await checksOf(custom.caseId)).map((w) => [w.offset_days, w.due_on])).toEqual([
      [14, '2026-06-15'],
      [180, '2026-11-28'],
    ]);
    expect(await caseStatus(t, custom.caseId)).toBe('follow-up');
    const none = await reunitedPlan(t, { welfareCheckOffsets: [] });
    expect(await checksOf(none.caseId)).toEqual([]);
    expect(await caseStatus(t, none.caseId)).toBe('reunited');
  });

  it('flags a check not recorded three days after it fell due, once, and tells the family side', async () => {
    t.clock.set('2026-06-01T10:00:00Z');
    const { sides, caseId } = await reunitedPlan(t);
    const [week, month] = await checksOf(caseId);
    expect(week!.due_on).toBe('2026-06-08');
    // The 30-day check is done early: it is never flagged.
    expectOk(await sides.family.post(`/api/v1/welfare-checks/${month!.id}/record`, { status: 'done', outcome: 'well' }));
    const before = (await overdueNotices()).length;

    t.clock.set('2026-06-11T23:59:00Z');
    await runJob();
    expect((await overdueNotices()).length).toBe(before);

    t.clock.set('2026-06-12T00:20:00Z');
    await runJob();
    await runJob();
    const mine = (await overdueNotices()).filter((n) => n.subject_id === week!.id);
    expect(mine).toEqual([{ user_id: sides.family.userId, subject_id: week!.id, dedupe_key: `welfare-overdue:${week!.id}`, details: { caseId, dueOn: '2026-06-08' } }]);
    const flagged = await checksOf(caseId);
    expect(flagged[0]!.overdue_flagged_at?.toISOString()).toBe('2026-06-12T00:20:00.000Z');
    expect(flagged[0]!.status).toBe('scheduled');

    // Long after, only the 90-day check is new; the month's (done) and the week's (flagged) are not.
    t.clock.set('2026-09-30T00:20:00Z');
    await runJob();
    const ids = (await overdueNotices()).filter((n) => [week!.id, month!.id, flagged[2]!.id].includes(n.subject_id!)).map((n) => n.subject_id);
    expect(ids.sort()).toEqual([week!.id, flagged[2]!.id].sort());
    // Still not closed by itself.
    expect(await caseStatus(t, caseId)).toBe('follow-up');
  });

  it('does not chase the checks of a case someone has closed', async () => {
    t.clock.set('2026-10-01T10:00:00Z');
    const { caseId } = await reunitedPlan(t);
    await t.database.db.updateTable('tracing_case').set({ status: 'closed' }).where('id', '=', caseId).execute();
    t.clock.set('2026-10-20T00:20:00Z');
    await runJob();
    const ids = (await checksOf(caseId)).map((w) => w.id);
    expect((await overdueNotices()).filter((n) => ids.includes(n.subject_id!))).toEqual([]);
    expect((await checksOf(caseId)).every((w) => w.overdue_flagged_at === null)).toBe(true);
  });
});
