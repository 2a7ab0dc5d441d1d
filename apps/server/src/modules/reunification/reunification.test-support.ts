import { expect } from 'vitest';
import { caseSides, openFixtureCase, type CaseSides } from '../../../test/case-fixtures.ts';
import type { Client, TestApp } from '../../../test/test-app.ts';

// Shared by this module's API tests: a plan as a caseworker would enter it, and the journey up
// to the point a test needs.

export const ROUTE = 'Checkpoint Uman-7, then the night train to Kyiv';
export const ADULT = 'Ірина Коваленко';

export const planInput = (over: Record<string, unknown> = {}) => ({
  route: ROUTE,
  escort: 'Two social workers of the holding authority',
  handoverPoint: 'Reception centre, platform 2',
  handoverAt: '2026-06-10T09:00:00Z',
  receivingAdult: { name: ADULT, relationship: 'mother' },
  documents: [
    { item: 'Birth certificate', required: true },
    { item: 'Travel permit', required: true },
    { item: 'School report', required: false },
  ],
  ...over,
});

export interface Reunification {
  sides: CaseSides;
  caseId: string;
  planId: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API responses, checked field by field in the tests
export type Body = Record<string, any>;

/** Asserts the status (showing the body when it differs) and returns the parsed body. */
export function expectOk(res: { statusCode: number; body: string; json(): unknown }, status = 200): Body {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Body;
}

export async function caseStatus(t: TestApp, caseId: string) {
  return (await t.database.db.selectFrom('tracing_case').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status;
}

/** A case in contact with a drafted plan. */
export async function draftPlan(t: TestApp, over: Record<string, unknown> = {}): Promise<Reunification> {
  const sides = await caseSides(t);
  const { caseId } = await openFixtureCase(t, sides, { status: 'in-contact' });
  const view = expectOk(await sides.holder.post(`/api/v1/cases/${caseId}/reunification-plan`, planInput(over)), 201);
  return { sides, caseId, planId: view.plan.id };
}

export async function approveBoth(r: Reunification) {
  for (const c of [r.sides.holder, r.sides.family] as Client[]) {
    const view = expectOk(await c.get(`/api/v1/cases/${r.caseId}/reunification`));
    expectOk(await c.post(`/api/v1/reunification-plans/${r.planId}/approve`, { contentHash: view.plan.contentHash }));
  }
}

/** A started plan with no required documents: the case is in transit. */
export async function startedPlan(t: TestApp, over: Record<string, unknown> = {}): Promise<Reunification> {
  const r = await draftPlan(t, { documents: [], ...over });
  await approveBoth(r);
  expectOk(await r.sides.holder.post(`/api/v1/reunification-plans/${r.planId}/start`, {}));
  return r;
}

/** Both sides have recorded the handover now: the case is in follow-up with its welfare checks. */
export async function reunitedPlan(t: TestApp, over: Record<string, unknown> = {}): Promise<Reunification> {
  const r = await startedPlan(t, over);
  const handedOverAt = t.clock.now().toISOString();
  expectOk(await r.sides.holder.post(`/api/v1/reunification-plans/${r.planId}/handover`, { handedOverAt }));
  expectOk(await r.sides.family.post(`/api/v1/reunification-plans/${r.planId}/handover`, { handedOverAt }));
  return r;
}
