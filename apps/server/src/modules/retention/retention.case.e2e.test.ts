import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, openFixtureCase, type CaseSides } from '../../../test/case-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { caseHistory, closeCase, latestRun, MONTH, runRetentionJob, setRules } from './retention.test-support.ts';

let t: TestApp;
let sides: CaseSides;
let holdingAdmin: Client;
let ids: Awaited<ReturnType<typeof caseHistory>>;
let caseId: string;
// A second case of the same two parties, still open: never due.
let openIds: Awaited<ReturnType<typeof caseHistory>>;

beforeAll(async () => {
  t = await createTestApp('2026-01-10T10:00:00Z');
  sides = await caseSides(t);
  holdingAdmin = await t.login(['administrator'], sides.holdingParty);
  const c = await openFixtureCase(t, sides, { status: 'follow-up' });
  caseId = c.caseId;
  ids = await caseHistory(t, sides, caseId);
  const open = await openFixtureCase(t, sides, { status: 'in-contact', request: { birthDate: '2013-01-01' } });
  openIds = await caseHistory(t, sides, open.caseId);
  await closeCase(t, caseId);
  await setRules(holdingAdmin, [{ kind: 'closed-case-sensitive', months: 6 }]);
}, 60_000);
afterAll(() => t.close());

const row = async (table: string, id: string) =>
  (await sql<Record<string, unknown>>`select * from ${sql.table(table)} where id = ${id}`.execute(t.database.db)).rows[0]!;

describe('closed-case-sensitive', () => {
  it('leaves a closed case alone until N months have passed', async () => {
    t.clock.advance(5 * MONTH);
    await runRetentionJob(t);
    expect((await row('contact_occurrence', ids.occurrenceId)).notes).toBe('Talked about school in Fictional town');
    const run = await latestRun(t, sides.holdingParty);
    expect(run.status).toBe('completed');
    expect(run.results).toEqual([expect.objectContaining({ kind: 'closed-case-sensitive', months: 6, rows: 0, fields: 0, byField: {} })]);
  });

  it("then minimises the party's own sensitive fields, keeps the rows, and reports the counts", async () => {
    t.clock.advance(2 * MONTH);
    await runRetentionJob(t);

    const occ = await row('contact_occurrence', ids.occurrenceId);
    expect(occ).toMatchObject({ notes: null, wellbeing: null, status: 'held', duration_minutes: 30 });
    expect((await row('case_message', ids.fromChild)).body).toBe('[minimised]');
    const plan = await row('reunification_plan', ids.planId);
    expect(plan).toMatchObject({ route: '[minimised]', escort: '[minimised]', handover_point: '[minimised]', receiving_adult: { name: '[minimised]', relationship: 'mother' } });

    // The family party set no rule: its own records stay as they were.
    expect((await row('case_message', ids.fromFamily)).body).toBe('We are waiting for you at home');
    expect((await row('welfare_check', ids.welfareId)).notes).toBe('Settled in with the family');
    // An open case is never due.
    expect((await row('contact_occurrence', openIds.occurrenceId)).notes).toBe('Talked about school in Fictional town');
    expect((await row('case_message', openIds.fromChild)).body).toBe('Dear mum, I miss you');

    const run = await latestRun(t, sides.holdingParty);
    expect(run.results[0]).toMatchObject({
      kind: 'closed-case-sensitive',
      rows: 3,
      fields: 7,
      byField: {
        'contact_occurrence.notes': 1,
        'contact_occurrence.wellbeing': 1,
        'case_message.body': 1,
        'reunification_plan.route': 1,
        'reunification_plan.escort': 1,
        'reunification_plan.handover_point': 1,
        'reunification_plan.receiving_adult.name': 1,
      },
    });
    expect(JSON.stringify(run)).not.toMatch(/school|Dear mum|Uman|Коваленко/);

    const marker = await sql<{ fields: string[]; rule: string }>`select fields, rule from retention_minimised where record_type = 'contact_occurrence' and record_id = ${ids.occurrenceId}`.execute(t.database.db);
    expect(marker.rows).toEqual([{ fields: ['notes', 'wellbeing'], rule: 'closed-case-sensitive' }]);
  });

  it('audits each minimised record by id, with the rule and field names only', async () => {
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'retention.minimise').orderBy('id').execute();
    expect(audit.map((a) => [a.record_type, a.record_id]).sort()).toEqual(
      [
        ['case_message', ids.fromChild],
        ['contact_occurrence', ids.occurrenceId],
        ['reunification_plan', ids.planId],
      ].sort(),
    );
    for (const a of audit) {
      expect(a.actor_party_id).toBe(sides.holdingParty.id);
      expect(a.details).toMatchObject({ rule: 'closed-case-sensitive' });
    }
    expect(JSON.stringify(audit)).not.toMatch(/school|Anxious|Dear mum|Uman|Коваленко|Kyiv/);
  });

  it('changes nothing on a second run', async () => {
    const before = await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'retention.minimise').executeTakeFirstOrThrow();
    t.clock.advance(MONTH);
    await runRetentionJob(t);
    const run = await latestRun(t, sides.holdingParty);
    expect(run.results[0]).toMatchObject({ rows: 0, fields: 0, byField: {} });
    const after = await t.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', 'retention.minimise').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await row('case_message', ids.fromChild)).body).toBe('[minimised]');
  });

  it('shows each party its own reports only', async () => {
    const familyAdmin = await t.login(['administrator'], sides.familyParty);
    expect((await familyAdmin.get('/api/v1/retention/runs')).json().items).toEqual([]);
    const admin = await t.login(['administrator'], sides.holdingParty);
    expect((await admin.get('/api/v1/retention/runs')).json().items).toHaveLength(3);
  });
});
