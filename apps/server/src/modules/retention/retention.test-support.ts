import { sql } from 'kysely';
import { expect } from 'vitest';
import type { CaseSides } from '../../../test/case-fixtures.ts';
import type { Client, TestApp } from '../../../test/test-app.ts';
import { allJobs } from '../../jobs/registry.ts';
import { defaultJobSettings } from '../../jobs/job-types.ts';

export const MONTH = 31 * 86_400_000;

/** Runs `retention.minimise` as the scheduler and `homeward jobs run` do: through the registry. */
export async function runRetentionJob(t: TestApp) {
  const job = allJobs.find((j) => j.name === 'retention.minimise');
  if (!job) throw new Error('retention.minimise is not registered');
  await job.handler({ db: t.database.db, clock: t.clock, secret: Buffer.alloc(32, 7), settings: defaultJobSettings }, {});
}

export async function setRules(admin: Client, rules: Array<{ kind: string; months: number }>) {
  const res = await admin.request({ method: 'PUT', url: '/api/v1/retention/rules', payload: { rules } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The party's newest run report, read by an administrator signed in now (months pass between runs). */
export async function latestRun(t: TestApp, party: { id: string; code: string }) {
  const admin = await t.login(['administrator'], party);
  const res = await admin.get('/api/v1/retention/runs?limit=1');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items[0] as { runId: string; status: string; results: Array<{ kind: string; rows: number; fields: number; byField: Record<string, number> }> };
}

/** Closes a case now (its terminal status and closing time), as the cases module would. */
export async function closeCase(t: TestApp, caseId: string) {
  await sql`update tracing_case set status = 'closed', closed_at = ${t.clock.now()} where id = ${caseId}`.execute(t.database.db);
}

/**
 * What a case gathers on its way: a contact held with notes (recorded by the holding side), a
 * message each way, a reunification plan written by the holding side and a welfare check recorded
 * by the family side. Inserted directly: the flows that create them have their own tests.
 */
export async function caseHistory(t: TestApp, sides: CaseSides, caseId: string) {
  const db = t.database.db;
  const now = t.clock.now();
  const plan = await sql<{ id: string }>`
    insert into contact_plan (case_id, channel, interval_days, holding_supervisor_id, family_supervisor_id, status, starts_on, schedule_from, created_at, updated_at)
    values (${caseId}, 'video-call', 7, ${sides.holder.userId}, ${sides.family.userId}, 'cancelled', '2026-01-01', ${now}, ${now}, ${now}) returning id`.execute(db);
  const occ = await sql<{ id: string }>`
    insert into contact_occurrence (plan_id, case_id, channel, due_at, overdue_at, status, held_at, duration_minutes, notes, wellbeing, recorded_by, recorded_at)
    values (${plan.rows[0]!.id}, ${caseId}, 'video-call', ${now}, ${now}, 'held', ${now}, 30, 'Talked about school in Fictional town', 'Anxious at first', ${sides.holder.userId}, ${now}) returning id`.execute(db);
  const message = async (direction: string, partyId: string, userId: string, body: string) =>
    (
      await sql<{ id: string }>`
        insert into case_message (case_id, direction, sender_party_id, body, status, submitted_by, submitted_at, reviewed_by, reviewed_at)
        values (${caseId}, ${direction}, ${partyId}, ${body}, 'approved', ${userId}, ${now}, ${userId}, ${now}) returning id`.execute(db)
    ).rows[0]!.id;
  const fromChild = await message('child-to-family', sides.holdingParty.id, sides.holder.userId, 'Dear mum, I miss you');
  const fromFamily = await message('family-to-child', sides.familyParty.id, sides.family.userId, 'We are waiting for you at home');
  const rp = await sql<{ id: string }>`
    insert into reunification_plan (case_id, status, route, escort, handover_point, handover_at, receiving_adult, content_salt, created_by, created_at, updated_at)
    values (${caseId}, 'completed', 'Checkpoint Uman-7, night train', 'Officer Fictional', 'Kyiv station', ${now},
      ${JSON.stringify({ name: 'Ірина Коваленко', relationship: 'mother' })}::jsonb, ${Buffer.alloc(32, 1)}, ${sides.holder.userId}, ${now}, ${now}) returning id`.execute(db);
  const welfare = await sql<{ id: string }>`
    insert into welfare_check (case_id, plan_id, offset_days, due_on, status, outcome, notes, recorded_by, recorded_at, created_at)
    values (${caseId}, ${rp.rows[0]!.id}, 7, '2026-06-08', 'done', 'well', 'Settled in with the family', ${sides.family.userId}, ${now}, ${now}) returning id`.execute(db);
  return { occurrenceId: occ.rows[0]!.id, fromChild, fromFamily, planId: rp.rows[0]!.id, welfareId: welfare.rows[0]!.id };
}
