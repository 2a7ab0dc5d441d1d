import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, openFixtureCase } from '../../../test/case-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { ADULT, ROUTE, draftPlan, expectOk, planInput, reunitedPlan, startedPlan } from './reunification.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('reunification: refusals', () => {
  it('refuses a handover without an approved plan, and a start before both approvals', async () => {
    const { sides, planId } = await draftPlan(t);
    const res = await sides.holder.post(`/api/v1/reunification-plans/${planId}/handover`, { handedOverAt: t.clock.now().toISOString() });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'PLAN_NOT_APPROVED', message: 'The plan has not been approved by both parties.' });
    const start = await sides.family.post(`/api/v1/reunification-plans/${planId}/start`, {});
    expect([start.statusCode, start.json().code]).toEqual([409, 'PLAN_NOT_APPROVED']);
    expect(await t.database.db.selectFrom('reunification_handover').selectAll().where('plan_id', '=', planId).execute()).toEqual([]);
  });

  it('draws up a plan only for a case in contact (or already planning)', async () => {
    const sides = await caseSides(t);
    for (const status of ['located', 'verified', 'in-transit', 'follow-up'] as const) {
      const { caseId } = await openFixtureCase(t, sides, { status });
      const res = await sides.holder.post(`/api/v1/cases/${caseId}/reunification-plan`, planInput());
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'PLAN_CASE_NOT_READY', details: { status } });
    }
    const { caseId } = await openFixtureCase(t, sides, { status: 'reunification-planned' });
    expectOk(await sides.family.post(`/api/v1/cases/${caseId}/reunification-plan`, planInput()), 201);
  });

  it('refuses stale versions and bad input with field paths', async () => {
    const { sides, planId, caseId } = await draftPlan(t);
    const stale = await sides.holder.patch(`/api/v1/reunification-plans/${planId}`, { version: 9, route: 'x' });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'VERSION_CONFLICT']);
    const dupDays = await sides.holder.patch(`/api/v1/reunification-plans/${planId}`, { version: 1, welfareCheckOffsets: [7, 7] });
    expect(dupDays.statusCode).toBe(400);
    expect(dupDays.json().issues[0].path).toBe('body.welfareCheckOffsets');
    const badAdult = await sides.holder.post(`/api/v1/cases/${caseId}/reunification-plan`, planInput({ receivingAdult: { name: 'X', relationship: 'neighbour' } }));
    expect(badAdult.json().issues[0].path).toBe('body.receivingAdult.relationship');
    const badHash = await sides.holder.post(`/api/v1/reunification-plans/${planId}/approve`, { contentHash: 'abc' });
    expect(badHash.statusCode).toBe(400);
  });

  it('answers 404 to a third party, whatever its role, for every operation', async () => {
    const { caseId, planId } = await reunitedPlan(t);
    const check = await t.database.db.selectFrom('welfare_check').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow();
    const outsiderParty = await t.party('mediator');
    for (const roles of [['caseworker'], ['administrator']]) {
      const outsider = await t.login(roles, outsiderParty);
      const calls = [
        outsider.get(`/api/v1/cases/${caseId}/reunification`),
        outsider.post(`/api/v1/cases/${caseId}/reunification-plan`, planInput()),
        outsider.patch(`/api/v1/reunification-plans/${planId}`, { version: 1, route: 'x' }),
        outsider.post(`/api/v1/reunification-plans/${planId}/approve`, { contentHash: '0'.repeat(64) }),
        outsider.post(`/api/v1/reunification-plans/${planId}/start`, {}),
        outsider.post(`/api/v1/reunification-plans/${planId}/withdraw`, { reason: 'x' }),
        outsider.post(`/api/v1/reunification-plans/${planId}/handover`, { handedOverAt: t.clock.now().toISOString() }),
        outsider.post(`/api/v1/welfare-checks/${check.id}/record`, { status: 'done', outcome: 'well' }),
      ];
      for (const res of await Promise.all(calls)) expect([res.statusCode, res.json().code], res.body).toEqual([404, 'NOT_FOUND']);
    }
  });

  it('refuses roles without the permission with 403 (viewer, auditor; match-reviewer cannot change)', async () => {
    const { sides, caseId, planId } = await draftPlan(t);
    for (const role of ['viewer', 'auditor']) {
      const c = await t.login([role], sides.holdingParty);
      expect((await c.get(`/api/v1/cases/${caseId}/reunification`)).statusCode).toBe(403);
      expect((await c.post(`/api/v1/reunification-plans/${planId}/approve`, { contentHash: '0'.repeat(64) })).statusCode).toBe(403);
    }
    const reviewer = await t.login(['match-reviewer'], sides.familyParty);
    const res = await reviewer.post(`/api/v1/reunification-plans/${planId}/approve`, { contentHash: '0'.repeat(64) });
    expect([res.statusCode, res.json().code]).toEqual([403, 'FORBIDDEN']);
  });

  it('shows the route, escort, handover point and receiving adult only to restricted-tier readers, and wellbeing notes to sensitive-tier ones', async () => {
    const { sides, caseId } = await startedPlan(t);
    const plan = (await t.database.db.selectFrom('reunification_plan').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).id;
    expectOk(await sides.holder.post(`/api/v1/reunification-plans/${plan}/handover`, { handedOverAt: t.clock.now().toISOString(), childWellbeing: 'Asked for her brother' }));
    const reviewerClient = await t.login(['match-reviewer'], sides.holdingParty);
    const reviewer = expectOk(await reviewerClient.get(`/api/v1/cases/${caseId}/reunification`));
    expect(reviewer.plan.route).toBeUndefined();
    expect(reviewer.plan.escort).toBeUndefined();
    expect(reviewer.plan.handoverPoint).toBeUndefined();
    expect(reviewer.plan.receivingAdult).toEqual({ relationship: 'mother' });
    expect(reviewer.plan.withheld).toEqual(['route', 'escort', 'handoverPoint', 'receivingAdult.name']);
    expect(reviewer.handovers[0].childWellbeing).toBeUndefined();
    expect(JSON.stringify(reviewer)).not.toContain(ADULT);
    const officerClient = await t.login(['communications-officer'], sides.familyParty);
    const officer = expectOk(await officerClient.get(`/api/v1/cases/${caseId}/reunification`));
    expect(officer.plan.route).toBeUndefined();
    expect(officer.handovers[0].childWellbeing).toBe('Asked for her brother');
    const worker = expectOk(await sides.family.get(`/api/v1/cases/${caseId}/reunification`));
    expect(worker.plan).toMatchObject({ route: ROUTE, receivingAdult: { name: ADULT }, withheld: [] });
    // Reading the restricted fields is audited; a read that withheld them is not.
    const readers = (await t.database.db.selectFrom('audit_log').select(['actor_user_id']).where('action', '=', 'reunification-plan.read').where('record_id', '=', plan).execute()).map((r) => r.actor_user_id);
    expect(readers).toContain(sides.family.userId);
    expect(readers).not.toContain(reviewerClient.userId);
    expect(readers).not.toContain(officerClient.userId);
  });

  it('documents every route in the OpenAPI contract', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const paths = Object.keys(doc.paths).filter((p) => /reunification|welfare/.test(p)).sort();
    expect(paths).toEqual([
      '/api/v1/cases/{id}/reunification',
      '/api/v1/cases/{id}/reunification-plan',
      '/api/v1/reunification-plans/{id}',
      '/api/v1/reunification-plans/{id}/approve',
      '/api/v1/reunification-plans/{id}/handover',
      '/api/v1/reunification-plans/{id}/start',
      '/api/v1/reunification-plans/{id}/withdraw',
      '/api/v1/welfare-checks/{id}/record',
    ]);
  });
});
