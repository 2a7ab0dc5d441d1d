import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCaseEvents } from '../cases/cases.repository.ts';
import { verifyStoredLog } from '../transparency/log-export.service.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { ADULT, ROUTE, caseStatus, draftPlan, expectOk, planInput } from './reunification.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('reunification: from an in-contact case to follow-up', () => {
  it('plans, approves the exact content, starts when the documents are done, and completes on both handovers', async () => {
    const { sides, caseId, planId } = await draftPlan(t);
    const { holder, family } = sides;
    const plans = `/api/v1/reunification-plans/${planId}`;
    const view = () => holder.get(`/api/v1/cases/${caseId}/reunification`);
    expect(await caseStatus(t, caseId)).toBe('reunification-planned');

    // The family approves the draft; then the holder changes the route: the approval is gone.
    let v = expectOk(await view());
    expect(v.plan).toMatchObject({ status: 'draft', route: ROUTE, receivingAdult: { name: ADULT, relationship: 'mother' }, approvals: { holding: null, family: null } });
    const firstHash = v.plan.contentHash;
    v = expectOk(await family.post(`${plans}/approve`, { contentHash: firstHash }));
    expect(v.plan.approvals.family).toMatchObject({ userId: family.userId, contentHash: firstHash });
    v = expectOk(await holder.patch(plans, { version: v.plan.version, route: 'Checkpoint Uman-9, then the day train' }));
    expect(v.plan.approvals).toEqual({ holding: null, family: null });
    expect(v.plan.contentHash).not.toBe(firstHash);

    // An approval of content the approver did not read is refused.
    const stale = await family.post(`${plans}/approve`, { contentHash: firstHash });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');

    // Both approve the new content: approved. A second approval by the same side is refused.
    expectOk(await family.post(`${plans}/approve`, { contentHash: v.plan.contentHash }));
    v = expectOk(await holder.post(`${plans}/approve`, { contentHash: v.plan.contentHash }));
    expect(v.plan.status).toBe('approved');
    const twice = await holder.post(`${plans}/approve`, { contentHash: v.plan.contentHash });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'PLAN_ALREADY_APPROVED']);

    // Start is refused, naming the required documents not done; ticking them keeps the approvals.
    const early = await family.post(`${plans}/start`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'PLAN_DOCUMENTS_MISSING', details: { missing: [0, 1] } });
    const ticked = v.plan.documents.map((d: { item: string; required: boolean }) => ({ ...d, done: d.required }));
    v = expectOk(await family.patch(plans, { version: v.plan.version, documents: ticked }));
    expect(v.plan.status).toBe('approved');
    expect(v.plan.approvals.holding).not.toBeNull();
    expect(v.plan.approvals.family).not.toBeNull();

    // A handover before the journey started is refused.
    const notStarted = await holder.post(`${plans}/handover`, { handedOverAt: t.clock.now().toISOString() });
    expect([notStarted.statusCode, notStarted.json().code]).toEqual([409, 'PLAN_NOT_STARTED']);

    v = expectOk(await family.post(`${plans}/start`, {}));
    expect(v.plan.status).toBe('started');
    expect(await caseStatus(t, caseId)).toBe('in-transit');
    const locked = await holder.patch(plans, { version: v.plan.version, escort: 'Someone else' });
    expect([locked.statusCode, locked.json().code]).toEqual([409, 'PLAN_LOCKED']);

    // The holder hands over: the case stays in transit until the family has recorded it too.
    t.clock.advance(60 * 60_000);
    const future = await holder.post(`${plans}/handover`, { handedOverAt: new Date(t.clock.now().getTime() + 3600_000).toISOString() });
    expect(future.json().issues).toEqual([{ path: 'handedOverAt', message: 'is in the future' }]);
    v = expectOk(await holder.post(`${plans}/handover`, { handedOverAt: t.clock.now().toISOString(), notes: 'Handed over on time', childWellbeing: 'Tired but calm' }));
    expect(v.handovers).toHaveLength(1);
    expect(v.handovers[0]).toMatchObject({ side: 'holding', childWellbeing: 'Tired but calm' });
    expect(v.handovers[0].recordHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await caseStatus(t, caseId)).toBe('in-transit');
    const again = await holder.post(`${plans}/handover`, { handedOverAt: t.clock.now().toISOString() });
    expect([again.statusCode, again.json().code]).toEqual([409, 'HANDOVER_ALREADY_CONFIRMED']);
    const waiting = await t.database.db.selectFrom('notification').select(['user_id', 'kind']).where('subject_id', '=', planId).execute();
    expect(waiting).toContainEqual({ user_id: family.userId, kind: 'reunification.handover-awaiting' });

    v = expectOk(await family.post(`${plans}/handover`, { handedOverAt: t.clock.now().toISOString() }));
    expect(v.plan.status).toBe('completed');
    expect(v.handovers.map((h: { side: string }) => h.side).sort()).toEqual(['family', 'holding']);
    const events = (await findCaseEvents(t.database.db, caseId)).map((e) => e.to_status);
    expect(events.slice(-4)).toEqual(['reunification-planned', 'in-transit', 'reunited', 'follow-up']);
    expect(v.welfareChecks.map((w: { offsetDays: number; dueOn: string; status: string }) => [w.offsetDays, w.dueOn, w.status])).toEqual([
      [7, '2026-06-08', 'scheduled'],
      [30, '2026-07-01', 'scheduled'],
      [90, '2026-08-30', 'scheduled'],
    ]);

    // Outcomes are recorded once each; the case is not closed by itself.
    const [week, month, quarter] = v.welfareChecks as { id: string }[];
    const done = expectOk(await family.post(`/api/v1/welfare-checks/${week!.id}/record`, { status: 'done', outcome: 'well', notes: 'Back at school' }));
    expect(done).toMatchObject({ status: 'done', outcome: 'well', notes: 'Back at school', recordedBy: family.userId });
    const dup = await holder.post(`/api/v1/welfare-checks/${week!.id}/record`, { status: 'done', outcome: 'concerns' });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'WELFARE_CHECK_RECORDED']);
    expect(expectOk(await family.post(`/api/v1/welfare-checks/${month!.id}/record`, { status: 'missed', reason: 'Family away' }))).toMatchObject({ status: 'missed', outcome: null });
    expectOk(await holder.post(`/api/v1/welfare-checks/${quarter!.id}/record`, { status: 'done', outcome: 'urgent' }));
    const urgent = await t.database.db.selectFrom('notification').select(['user_id']).where('kind', '=', 'reunification.welfare-urgent').execute();
    expect(urgent).toEqual([{ user_id: family.userId }]);
    expect(await caseStatus(t, caseId)).toBe('follow-up');
  });

  it('logs plan status changes and handovers with ids and hashes only, and audits every change', async () => {
    const { sides, caseId, planId } = await draftPlan(t, { documents: [] });
    for (const c of [sides.family, sides.holder]) {
      const v = expectOk(await c.get(`/api/v1/cases/${caseId}/reunification`));
      expectOk(await c.post(`/api/v1/reunification-plans/${planId}/approve`, { contentHash: v.plan.contentHash }));
    }
    expectOk(await sides.holder.post(`/api/v1/reunification-plans/${planId}/start`, {}));
    expectOk(await sides.holder.post(`/api/v1/reunification-plans/${planId}/handover`, { handedOverAt: t.clock.now().toISOString(), notes: 'Олена waited at the gate' }));
    const entries = JSON.stringify(await t.database.db.selectFrom('log_entry' as never).selectAll().execute());
    expect(entries).toContain(`reunification-plan/${planId}`);
    expect(entries).toContain('"to":"approved"');
    expect(entries).toContain('"to":"started"');
    expect(entries).toContain(`reunification-handover/${planId}/holding`);
    const record = await t.database.db.selectFrom('reunification_handover').select('record_hash').where('plan_id', '=', planId).executeTakeFirstOrThrow();
    expect(entries).toContain(record.record_hash);
    const audit = JSON.stringify(await t.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', planId).execute());
    for (const action of ['reunification-plan.create', 'reunification-plan.approve', 'reunification-plan.start', 'reunification-handover.confirm']) expect(audit).toContain(action);
    for (const secret of [ADULT, ROUTE, 'Олена', 'platform 2']) {
      expect(entries).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
    // The entries are signed into a checkpoint, and the whole log still verifies.
    const { report, database } = await verifyStoredLog(t.database.db, { now: t.clock.now() });
    expect([report.ok, report.findings, database]).toEqual([true, [], []]);
    expect(report.latestCheckpoint).not.toBeNull();
  });

  it('keeps one live plan per case; a withdrawn started plan takes the case back to reunification-planned', async () => {
    const { sides, caseId, planId } = await draftPlan(t, { documents: [] });
    const dup = await sides.family.post(`/api/v1/cases/${caseId}/reunification-plan`, planInput());
    expect(dup.json()).toMatchObject({ code: 'PLAN_EXISTS', details: { planId } });
    for (const c of [sides.family, sides.holder]) {
      const v = expectOk(await c.get(`/api/v1/cases/${caseId}/reunification`));
      expectOk(await c.post(`/api/v1/reunification-plans/${planId}/approve`, { contentHash: v.plan.contentHash }));
    }
    expectOk(await sides.holder.post(`/api/v1/reunification-plans/${planId}/start`, {}));
    expect(await caseStatus(t, caseId)).toBe('in-transit');
    expect((await sides.family.post(`/api/v1/reunification-plans/${planId}/withdraw`, {})).statusCode).toBe(400);
    const v = expectOk(await sides.family.post(`/api/v1/reunification-plans/${planId}/withdraw`, { reason: 'Border closed' }));
    expect(v.plan).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Border closed' });
    expect(await caseStatus(t, caseId)).toBe('reunification-planned');
    const late = await sides.holder.post(`/api/v1/reunification-plans/${planId}/handover`, { handedOverAt: t.clock.now().toISOString() });
    expect([late.statusCode, late.json().code]).toEqual([409, 'PLAN_NOT_APPROVED']);
    const next = expectOk(await sides.holder.post(`/api/v1/cases/${caseId}/reunification-plan`, planInput({ route: 'Another road' })), 201);
    expect(next.plan.id).not.toBe(planId);
    expect(next.plan.status).toBe('draft');
  });
});
