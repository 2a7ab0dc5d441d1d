import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, openFixtureCase } from '../../../test/case-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { confirmMatch } from '../../../test/two-person.ts';
import { planBody } from '../contact/contact.test-support.ts';
import { expectOk, reunitedPlan } from '../reunification/reunification.test-support.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const notices = (userId: string, kind: string) =>
  t.database.db.selectFrom('notification').select(['subject_id', 'details']).where('user_id', '=', userId).where('kind', '=', kind).execute();

describe('what follows a case move', () => {
  it('tells both parties when a case opens from a confirmed match and when its status changes', async () => {
    const sides = await caseSides(t);
    const reviewer = await t.login(['match-reviewer'], sides.familyParty);
    const holdingReviewer = await t.login(['match-reviewer'], sides.holdingParty);
    const d = expectOk(await sides.holder.post('/api/v1/dossiers', { names: [{ givenName: 'Остап', familyName: 'Гнатюк' }], sex: 'male', birthDate: '2012-10-10' }), 201);
    const r = expectOk(await sides.family.post('/api/v1/requests', { sought: { names: [{ givenName: 'Остап', familyName: 'Гнатюк' }], sex: 'male', birthDate: '2012-10-10' }, requester: { name: 'Мати', relationship: 'mother', contact: { phone: '+380500000001' } } }), 201);
    const [proposal] = expectOk(await reviewer.post(`/api/v1/requests/${r.id}/match`)).items as Array<{ id: string; rightId: string }>;
    expect(proposal!.rightId).toBe(d.id);
    await confirmMatch(reviewer, holdingReviewer, proposal!.id, { reason: 'Birth certificate' });
    const [c] = expectOk(await sides.family.get(`/api/v1/cases?requestId=${r.id}`)).items as Array<{ id: string; version: number }>;
    for (const u of [sides.holder, sides.family]) expect((await notices(u.userId, 'case.opened')).map((n) => n.subject_id)).toEqual([c!.id]);

    expectOk(await sides.holder.post(`/api/v1/cases/${c!.id}/transitions`, { to: 'verified', version: c!.version }));
    for (const u of [sides.holder, sides.family]) {
      expect(await notices(u.userId, 'case.status-changed')).toEqual([{ subject_id: c!.id, details: { from: 'located', to: 'verified' } }]);
    }
    // The reviewer is told nothing: notices go to caseworkers.
    expect(await notices(reviewer.userId, 'case.opened')).toEqual([]);
    expect(await notices(holdingReviewer.userId, 'case.opened')).toEqual([]);
  });

  it('ends the contact plan when the case leaves the active statuses, withdrawing contacts not yet due', async () => {
    const sides = await caseSides(t);
    const { caseId } = await openFixtureCase(t, sides, { status: 'in-contact' });
    expectOk(await sides.holder.post(`/api/v1/cases/${caseId}/contact-plan`, planBody(sides)), 201);
    // Contacts not yet due; one already due (the first, today) stays on record.
    const scheduled = () =>
      t.database.db.selectFrom('contact_occurrence').select('id').where('case_id', '=', caseId).where('status', '=', 'scheduled').where('due_at', '>', t.clock.now()).execute();
    expect((await scheduled()).length).toBeGreaterThan(0);
    const c = expectOk(await sides.family.get(`/api/v1/cases/${caseId}`));
    expectOk(await sides.family.post(`/api/v1/cases/${caseId}/transitions`, { to: 'declined', reason: 'The young person chose to stay', version: c.version }));
    const plan = await t.database.db.selectFrom('contact_plan').select(['status', 'status_reason']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(plan).toEqual({ status: 'cancelled', status_reason: 'The case moved to declined.' });
    expect(await scheduled()).toEqual([]);
  });

  it('closes a followed-up case only when every welfare check is recorded', async () => {
    const r = await reunitedPlan(t);
    const view = expectOk(await r.sides.family.get(`/api/v1/cases/${r.caseId}`));
    expect(view.status).toBe('follow-up');
    const refused = await r.sides.family.post(`/api/v1/cases/${r.caseId}/transitions`, { to: 'closed', version: view.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'WELFARE_CHECKS_PENDING', details: { pending: 3 } });
    const checks = expectOk(await r.sides.family.get(`/api/v1/cases/${r.caseId}/reunification`)).welfareChecks as Array<{ id: string }>;
    for (const w of checks) expectOk(await r.sides.family.post(`/api/v1/welfare-checks/${w.id}/record`, { status: 'done', outcome: 'well' }));
    const again = expectOk(await r.sides.family.get(`/api/v1/cases/${r.caseId}`));
    expect(expectOk(await r.sides.family.post(`/api/v1/cases/${r.caseId}/transitions`, { to: 'closed', version: again.version })).status).toBe('closed');
  });
});
