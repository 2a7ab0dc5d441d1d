import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, openFixtureCase, type CaseSides } from '../../../test/case-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { attestWithTwo } from '../../../test/two-person.ts';
import { verifyStoredLog } from '../transparency/log-export.service.ts';
import { latestRun, MONTH, runRetentionJob, setRules } from './retention.test-support.ts';

// The append-only history keeps copies of the free text retention minimises: case status reasons,
// message review reasons, suspension reasons, age-out consent notes, and the reasons in the audit
// trail. All go with the case's other sensitive fields; the case's attestation and the log still verify.
let t: TestApp;
let s: CaseSides;
let caseId: string;
let attestationId: string;
let ageOutId: string;

/** Free text officials wrote along the case's way; none of it may survive minimisation. */
const TEXT = {
  message: 'Мама чекає тебе вдома',
  returned: 'Names the street of the foster home, Fictional lane 5',
  suspended: 'The foster father threatened the child by telephone',
  lifted: 'Police visited; the child is safe with the aunt Halyna',
  declined: 'The young person lives with aunt Halyna in Fictional town',
  closed: 'Closed at the request of Halyna Fictional',
  notes: 'Wants to finish school in Fictional town first',
};
const CANARY = /Fictional|Halyna|foster father|Мама чекає/;

async function ok(res: { statusCode: number; body: string }, code = 200) {
  expect(res.statusCode, res.body).toBe(code);
  return JSON.parse(res.body);
}

async function transition(c: Client, to: string, reason: string) {
  const { version } = await ok(await c.get(`/api/v1/cases/${caseId}`));
  await ok(await c.post(`/api/v1/cases/${caseId}/transitions`, { to, reason, version }));
}

beforeAll(async () => {
  t = await createTestApp('2026-01-10T10:00:00Z');
  s = await caseSides(t);
  await sql`update party set require_two_factor = false where id in (${s.holdingParty.id}, ${s.familyParty.id})`.execute(t.database.db);
  const c = await openFixtureCase(t, s, { status: 'in-contact' });
  caseId = c.caseId;
  const holdingOfficer = await t.login(['communications-officer'], s.holdingParty);

  // A message returned by the holding side's reviewer, with a reason.
  const message = await ok(await s.family.post(`/api/v1/cases/${caseId}/messages`, { body: TEXT.message }), 201);
  await ok(await holdingOfficer.post(`/api/v1/messages/${message.id}/review`, { decision: 'return', reason: TEXT.returned }));
  // An emergency suspension, lifted by a second officer.
  await ok(await s.holder.post(`/api/v1/cases/${caseId}/contact-suspension`, { reason: TEXT.suspended }), 201);
  await ok(await holdingOfficer.post(`/api/v1/cases/${caseId}/contact-suspension/lift`, { reason: TEXT.lifted }));
  // The family link, attested by the family side (a second verifier of the party approves it).
  const [verifier, second] = [await t.login(['verifier'], s.familyParty), await t.login(['verifier'], s.familyParty)];
  attestationId = (await attestWithTwo(verifier, second, { subjectType: 'case', subjectId: caseId, claim: 'family-link-verified' })).attestation.id;
  // The young person's decision at 18, with an official's notes (inserted: the age-out flow has its own tests).
  const now = t.clock.now();
  ageOutId = (
    await sql<{ id: string }>`insert into age_out (dossier_id, dossier_version, case_id, eligible_on, adult_from, approximate, found_on, deadline_on, created_at, updated_at)
      values (${c.dossierId}, 1, ${caseId}, '2026-01-01', '2026-01-01', false, '2026-01-01', '2026-02-01', ${now}, ${now}) returning id`.execute(t.database.db)
  ).rows[0]!.id;
  await sql`insert into age_out_consent (age_out_id, decision, recorded_how, recorded_by, replaces, notes, at) values (${ageOutId}, 'stay', 'self', ${s.holder.userId}, 'guardian', ${TEXT.notes}, ${now})`.execute(t.database.db);
  // Declined by the young person, then closed: both with reasons, by the holding side.
  await transition(s.holder, 'declined', TEXT.declined);
  await transition(s.holder, 'closed', TEXT.closed);

  for (const party of [s.holdingParty, s.familyParty]) await setRules(await t.login(['administrator'], party), [{ kind: 'closed-case-sensitive', months: 6 }]);
}, 120_000);
afterAll(() => t.close());

const rowsOf = async (query: ReturnType<typeof sql<Record<string, unknown>>>) => (await query.execute(t.database.db)).rows;
const history = async () => ({
  caseRow: await rowsOf(sql`select status_reason from tracing_case where id = ${caseId}`),
  caseEvents: await rowsOf(sql`select from_status, to_status, reason, actor_user_id, at from tracing_case_event where case_id = ${caseId} order by id`),
  messageEvents: await rowsOf(sql`select e.status, e.reason from case_message_event e join case_message m on m.id = e.message_id where m.case_id = ${caseId} order by e.id`),
  suspensions: await rowsOf(sql`select reason, lift_reason, lifted_at from contact_suspension where case_id = ${caseId}`),
  ageOutConsents: await rowsOf(sql`select decision, notes from age_out_consent where age_out_id = ${ageOutId}`),
  audit: await rowsOf(sql`select action, reason from audit_log where reason is not null order by id`),
});

describe('retention of the history', () => {
  it('keeps every copy of the free text until the rule is due', async () => {
    t.clock.advance(5 * MONTH);
    await runRetentionJob(t);
    const h = await history();
    expect(JSON.stringify(h)).toContain(TEXT.declined);
    expect(h.audit.map((a) => a.reason)).toEqual(expect.arrayContaining([TEXT.returned, TEXT.suspended, TEXT.lifted, TEXT.declined, TEXT.closed]));
  });

  it('then minimises the reasons and notes in the history and the audit trail, keeping who, what and when', async () => {
    t.clock.advance(2 * MONTH);
    await runRetentionJob(t);
    const h = await history();
    expect(JSON.stringify(h)).not.toMatch(CANARY);
    expect(h.caseRow).toEqual([{ status_reason: '[minimised]' }]);
    const withReasons = h.caseEvents.filter((e) => e.reason !== null);
    expect(withReasons.map((e) => [e.to_status, e.reason])).toEqual([
      ['declined', '[minimised]'],
      ['closed', '[minimised]'],
    ]);
    expect(withReasons.every((e) => e.actor_user_id === s.holder.userId && e.at instanceof Date)).toBe(true);
    expect(h.messageEvents).toContainEqual({ status: 'returned', reason: '[minimised]' });
    expect(h.suspensions).toEqual([{ reason: '[minimised]', lift_reason: '[minimised]', lifted_at: expect.any(Date) }]);
    expect(h.ageOutConsents).toEqual([{ decision: 'stay', notes: null }]);
    for (const action of ['case.transition', 'message.return', 'contact.suspend', 'contact.resume']) {
      expect(h.audit.filter((a) => a.action === action).map((a) => a.reason)).toEqual(expect.arrayContaining(['[minimised]']));
    }
  });

  it('reports field names and counts only, per party', async () => {
    const run = await latestRun(t, s.holdingParty);
    const result = run.results.find((r) => r.kind === 'closed-case-sensitive')!;
    expect(result.byField).toMatchObject({
      'tracing_case.status_reason': 1,
      'tracing_case_event.reason': 2,
      'case_message_event.reason': 1,
      'contact_suspension.reason': 1,
      'contact_suspension.lift_reason': 1,
      'age_out_consent.notes': 1,
    });
    expect(result.byField['audit_log.reason']).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(run)).not.toMatch(CANARY);
  });

  it('leaves the attestation of the case valid and the transparency log verifiable', async () => {
    const verifier = await t.login(['verifier'], s.familyParty);
    const att = await ok(await verifier.get(`/api/v1/attestations/${attestationId}`));
    expect(att.attestation.check.status).toBe('valid');
    const { report, database } = await verifyStoredLog(t.database.db, { now: t.clock.now() });
    expect(database).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.attestations.invalid).toBe(0);
  });

  it('changes nothing on a second run, and the history stays closed to any other change', async () => {
    const before = await history();
    t.clock.advance(MONTH);
    await runRetentionJob(t);
    expect((await latestRun(t, s.holdingParty)).results[0]).toMatchObject({ rows: 0, fields: 0 });
    expect(await history()).toEqual(before);
    await expect(sql`update tracing_case_event set reason = null where case_id = ${caseId}`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where record_id = ${caseId}`.execute(t.database.db)).rejects.toThrow(/append-only/);
    // Even in a minimising transaction, nothing but the free text may change, and only to '[minimised]' or null.
    const minimising = (statement: ReturnType<typeof sql>) =>
      t.database.db.transaction().execute(async (trx) => {
        await sql`select set_config('homeward.minimise', 'on', true)`.execute(trx);
        await statement.execute(trx);
      });
    await expect(minimising(sql`update tracing_case_event set reason = 'rewritten' where case_id = ${caseId}`)).rejects.toThrow(/can only be minimised/);
    await expect(minimising(sql`update tracing_case_event set to_status = 'reunited' where case_id = ${caseId}`)).rejects.toThrow(/append-only/);
    await expect(minimising(sql`delete from audit_log where record_id = ${caseId}`)).rejects.toThrow(/append-only/);
  });
});
