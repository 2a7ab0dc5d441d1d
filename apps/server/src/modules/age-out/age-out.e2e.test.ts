import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, openFixtureCase, type CaseSides } from '../../../test/case-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { defaultJobSettings } from '../../jobs/job-types.ts';
import { ageOutJobs } from './age-out.jobs.ts';
import { scanAgeOut } from './age-out.scan.ts';

// One young person's journey through the age-out queue, day by day on the test clock: the tests
// in this file run in order and share the entry.
let t: TestApp;
let sides: CaseSides;
let stranger: Client;
let viewer: Client;
let caseId: string;
let dossierId: string;
let entryId: string;

/** Moves the clock to another day; the officials' sessions are renewed as if they signed in again then. */
async function travel(iso: string) {
  t.clock.set(iso);
  const now = t.clock.now();
  await t.database.db.updateTable('session').set({ last_seen_at: now, expires_at: new Date(now.getTime() + 3_600_000) }).execute();
}
const scan = () => scanAgeOut({ db: t.database.db, clock: t.clock }, 30);
const queue = async (c: Client, query = '') => {
  const res = await c.get(`/api/v1/age-out${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Array<Record<string, unknown> & { id: string; status: string }>; summary: Record<string, number>; nextCursor: string | null };
};
const notices = (kind: string) =>
  t.database.db.selectFrom('notification').select(['user_id', 'dedupe_key', 'subject_id']).where('kind', '=', kind).where('subject_id', '=', entryId).execute();

beforeAll(async () => {
  t = await createTestApp('2026-04-01T09:00:00Z');
  sides = await caseSides(t);
  stranger = await t.login(['caseworker']);
  viewer = await t.login(['viewer'], sides.holdingParty);
  ({ caseId, dossierId } = await openFixtureCase(t, sides, { dossier: { birthDate: '2008-06-15' }, request: { birthDate: '2008-06-15' } }));
});
afterAll(() => t.close());

describe('age-out journey of a young person born 2008-06-15', () => {
  it('queues them 75 days before their 18th birthday (through the scheduled job) and puts their case on the age-out track', async () => {
    const job = ageOutJobs.find((j) => j.name === 'age-out.scan')!;
    expect(job.schedule).toBe('0 * * * *');
    await job.handler({ db: t.database.db, clock: t.clock, secret: Buffer.alloc(32, 7), settings: defaultJobSettings }, {});

    const { items, summary } = await queue(sides.holder);
    const entry = items.find((i) => i.dossierId === dossierId)!;
    expect(entry).toMatchObject({ status: 'upcoming', eligibleOn: '2026-06-15', adultFrom: '2026-06-15', approximate: false, foundOn: '2026-04-01', deadlineOn: '2026-07-15', caseId, consent: null });
    expect(summary.upcoming).toBe(1);
    entryId = entry.id;
    const row = await t.database.db.selectFrom('tracing_case').select('priority').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(row.priority).toBe('age-out');
    // The family's party sees the entry through the case; the list carries no names.
    expect((await queue(sides.family)).items.map((i) => i.id)).toEqual([entryId]);
    expect(JSON.stringify(entry)).not.toMatch(/Коваленко|Олександр|Александр/);
  });

  it('audits the ids a list returned', async () => {
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'age-out.list')
      .where('actor_user_id', '=', sides.holder.userId)
      .execute();
    expect(audit.at(-1)!.details).toEqual({ ids: [entryId] });
  });

  it('refuses their own consent while they are 17, with NOT_YET_ADULT', async () => {
    await travel('2026-06-14T22:00:00Z');
    const res = await sides.holder.post(`/api/v1/age-out/${entryId}/consent`, { decision: 'stay', recordedHow: 'with-official', version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('NOT_YET_ADULT');
    expect(res.json().message).not.toMatch(/2008|2026/);
    expect(await t.database.db.selectFrom('age_out_consent').selectAll().execute()).toEqual([]);
  });

  it('makes them eligible on their birthday and tells the caseworkers of both parties once', async () => {
    await travel('2026-06-15T06:00:00Z');
    expect((await scan()).eligibleNotified).toBe(1);
    expect((await scan()).eligibleNotified).toBe(0);
    const sent = await notices('age-out.eligible');
    expect(sent.map((n) => n.user_id).sort()).toEqual([sides.holder.userId, sides.family.userId].sort());
    expect(sent.every((n) => n.dedupe_key === `age-out-eligible:${entryId}`)).toBe(true);
    expect((await queue(sides.holder, '?status=eligible')).items.map((i) => i.id)).toEqual([entryId]);
  });

  it('records their consent from their 18th birthday: it replaces the guardian, and the newest wins', async () => {
    const first = await sides.holder.post(`/api/v1/age-out/${entryId}/consent`, { decision: 'undecided', recordedHow: 'self', version: 1 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'consent-recorded', version: 2, consent: { decision: 'undecided', recordedHow: 'self', recordedBy: sides.holder.userId } });

    const stale = await sides.holder.post(`/api/v1/age-out/${entryId}/consent`, { decision: 'return', recordedHow: 'self', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');

    const second = await sides.family.post(`/api/v1/age-out/${entryId}/consent`, { decision: 'stay', recordedHow: 'with-official', notes: 'Wants to finish school first.', version: 2 });
    expect(second.statusCode, second.body).toBe(200);
    const detail = second.json();
    expect(detail.consent).toMatchObject({ decision: 'stay', recordedHow: 'with-official', notes: 'Wants to finish school first.' });
    expect(detail.consentHistory.map((c: { decision: string; replaces: string }) => [c.decision, c.replaces])).toEqual([
      ['stay', 'young-person'],
      ['undecided', 'guardian'],
    ]);
  });

  it('keeps the decision and the notes out of the audit details and the transparency log', async () => {
    const audit = await t.database.db.selectFrom('audit_log').select(['details']).where('action', '=', 'age-out.consent').where('record_id', '=', entryId).execute();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toMatch(/stay|undecided|school/);
    const logged = await t.database.db.selectFrom('log_entry').select('entry').execute();
    const mine = logged.map((l) => l.entry as Record<string, string>).filter((e) => e.subjectRef === `age-out/${entryId}`);
    expect(mine.map((e) => [e.from, e.to])).toEqual([
      ['eligible', 'consent-recorded'],
      ['consent-recorded', 'consent-recorded'],
    ]);
    expect(JSON.stringify(mine)).not.toMatch(/stay|school/);
  });

  it('flags the entry overdue the day after the deadline, notifies both parties, and a second scan adds nothing', async () => {
    await travel('2026-07-15T23:00:00Z');
    expect((await scan()).overdueFlagged).toBe(0);
    await travel('2026-07-16T00:30:00Z');
    const first = await scan();
    expect(first.overdueFlagged).toBe(1);
    const sent = await notices('age-out.overdue');
    expect(sent.map((n) => n.user_id).sort()).toEqual([sides.holder.userId, sides.family.userId].sort());
    expect(sent.every((n) => n.dedupe_key === `age-out-overdue:${entryId}`)).toBe(true);

    const again = await scan();
    expect(again).toEqual({ created: 0, updated: 0, withdrawn: 0, casesLinked: 0, casesPrioritised: 0, eligibleNotified: 0, overdueFlagged: 0 });
    expect(await notices('age-out.overdue')).toHaveLength(2);
    const { items, summary } = await queue(sides.holder, '?status=overdue');
    expect(items[0]).toMatchObject({ id: entryId, status: 'overdue', flaggedOverdueAt: '2026-07-16T00:30:00.000Z' });
    expect(summary.overdue).toBe(1);
  });

  it('shows the entry to nobody outside the two parties, and refuses roles without case permissions', async () => {
    expect((await queue(stranger)).items).toEqual([]);
    expect((await stranger.get(`/api/v1/age-out/${entryId}`)).statusCode).toBe(404);
    const consent = await stranger.post(`/api/v1/age-out/${entryId}/consent`, { decision: 'return', recordedHow: 'self', version: 3 });
    expect(consent.statusCode).toBe(404);
    expect(consent.json()).toEqual((await stranger.post('/api/v1/age-out/00000000-0000-4000-8000-000000000000/consent', { decision: 'return', recordedHow: 'self', version: 3 })).json());
    expect((await stranger.post(`/api/v1/age-out/${entryId}/resolve`, { outcome: 'other', reason: 'x', version: 3 })).statusCode).toBe(404);

    expect((await viewer.get('/api/v1/age-out')).statusCode).toBe(403);
    expect((await viewer.get(`/api/v1/age-out/${entryId}`)).statusCode).toBe(403);
    const reader = await t.login(['match-reviewer'], sides.holdingParty);
    const seen = (await reader.get(`/api/v1/age-out/${entryId}`)).json();
    expect(seen.consent.notes).toBeUndefined();
    expect(seen.withheld).toEqual(['consent.notes']);
    expect((await reader.post(`/api/v1/age-out/${entryId}/consent`, { decision: 'return', recordedHow: 'self', version: 3 })).statusCode).toBe(403);
  });

  it('resolves only with an outcome that agrees with their consent, and then accepts nothing more', async () => {
    const wrong = await sides.holder.post(`/api/v1/age-out/${entryId}/resolve`, { outcome: 'returned', reason: 'Travelled home.', version: 3 });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('AGE_OUT_CONSENT_REQUIRED');

    const res = await sides.holder.post(`/api/v1/age-out/${entryId}/resolve`, { outcome: 'stays', reason: 'Decided to stay; contact continues.', version: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'resolved', resolution: { outcome: 'stays', by: sides.holder.userId } });

    const late = await sides.holder.post(`/api/v1/age-out/${entryId}/consent`, { decision: 'return', recordedHow: 'self', version: 4 });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('AGE_OUT_CLOSED');
    // Resolved entries leave the open queue but stay countable and listable on request.
    const open = await queue(sides.holder);
    expect(open.items.map((i) => i.id)).not.toContain(entryId);
    expect(open.summary.resolved).toBe(1);
    expect((await queue(sides.holder, '?status=resolved')).items.map((i) => i.id)).toEqual([entryId]);
  });

  it('refuses empty and invalid bodies with 400', async () => {
    expect((await sides.holder.post(`/api/v1/age-out/${entryId}/consent`, {})).statusCode).toBe(400);
    expect((await sides.holder.post(`/api/v1/age-out/${entryId}/consent`, { decision: 'maybe', recordedHow: 'self', version: 1 })).statusCode).toBe(400);
    expect((await sides.holder.post(`/api/v1/age-out/${entryId}/resolve`, { outcome: 'stays', version: 1 })).statusCode).toBe(400);
    expect((await sides.holder.get('/api/v1/age-out?cursor=bm90LWEtY3Vyc29y')).json().code).toBe('INVALID_CURSOR');
  });
});
