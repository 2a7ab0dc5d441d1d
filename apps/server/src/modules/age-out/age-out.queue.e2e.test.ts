import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDossier } from '../../../test/case-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { scanAgeOut } from './age-out.scan.ts';

// Who enters the queue and how it is listed: precision, window edges, corrections, paging.
let t: TestApp;
let home: Client;

type Entry = { id: string; dossierId: string; status: string; eligibleOn: string; adultFrom: string; deadlineOn: string; approximate: boolean; version: number };

async function travel(iso: string) {
  t.clock.set(iso);
  const now = t.clock.now();
  await t.database.db.updateTable('session').set({ last_seen_at: now, expires_at: new Date(now.getTime() + 3_600_000) }).execute();
}
const scan = (days = 30) => scanAgeOut({ db: t.database.db, clock: t.clock }, days);
async function dossier(over: Record<string, unknown>): Promise<string> {
  const res = await home.post('/api/v1/dossiers', fixtureDossier(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
async function queue(query = '') {
  const res = await home.get(`/api/v1/age-out${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Entry[]; nextCursor: string | null; summary: Record<string, number> };
}
const entryOf = async (dossierId: string, query = '?limit=200') => (await queue(query)).items.find((e) => e.dossierId === dossierId);

const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp('2026-04-01T09:00:00Z');
  home = await t.login(['caseworker']);
  // 2026-04-01 + 90 days = 2026-06-30: the last 18th birthday in the window.
  ids.edgeIn = await dossier({ birthDate: '2008-06-30' });
  ids.edgeOut = await dossier({ birthDate: '2008-07-01' });
  ids.month = await dossier({ birthDate: '2008-05' });
  ids.year = await dossier({ birthDate: '2008' });
  ids.leap = await dossier({ birthDate: '2008-02-29', displacement: { kind: 'unknown' } });
  ids.adultLongAgo = await dossier({ birthDate: '2004-09-09', displacement: { kind: 'crossed-border', date: '2019' } });
  ids.displacedAsAdult = await dossier({ birthDate: '2003-01-10', displacement: { kind: 'crossed-border', date: '2022-03' } });
  ids.unknown = await dossier({ birthDate: undefined });
  ids.young = await dossier({ birthDate: '2014-01-01' });
  await scan();
});
afterAll(() => t.close());

describe('who enters the age-out queue', () => {
  it('takes 18th birthdays up to 90 days ahead, not a day more', async () => {
    expect(await entryOf(ids.edgeIn!)).toMatchObject({ status: 'upcoming', eligibleOn: '2026-06-30' });
    expect(await entryOf(ids.edgeOut!)).toBeUndefined();
    expect(await entryOf(ids.young!)).toBeUndefined();
    await travel('2026-04-02T09:00:00Z');
    expect((await scan()).created).toBe(1);
    expect(await entryOf(ids.edgeOut!)).toMatchObject({ status: 'upcoming', eligibleOn: '2026-07-01', deadlineOn: '2026-07-31' });
  });

  it('queues an approximate birth date from its earliest day and refuses consent until the latest', async () => {
    const month = (await entryOf(ids.month!))!;
    expect(month).toMatchObject({ approximate: true, eligibleOn: '2026-05-01', adultFrom: '2026-05-31', deadlineOn: '2026-06-30' });
    expect((await entryOf(ids.year!))!).toMatchObject({ approximate: true, status: 'eligible', eligibleOn: '2026-01-01', adultFrom: '2026-12-31' });

    await travel('2026-05-15T09:00:00Z');
    expect((await entryOf(ids.month!))!.status).toBe('eligible');
    const early = await home.post(`/api/v1/age-out/${month.id}/consent`, { decision: 'return', recordedHow: 'with-official', version: month.version });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('NOT_YET_ADULT');
    expect(early.json().message).toMatch(/approximate/);
    await travel('2026-05-31T09:00:00Z');
    const ok = await home.post(`/api/v1/age-out/${month.id}/consent`, { decision: 'return', recordedHow: 'with-official', version: month.version });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('turns a 29 February birthday 18 on 1 March', async () => {
    expect((await entryOf(ids.leap!))!).toMatchObject({ eligibleOn: '2026-03-01', adultFrom: '2026-03-01', approximate: false });
  });

  it('runs the deadline of someone already adult from the day the system found them', async () => {
    expect((await entryOf(ids.adultLongAgo!))!).toMatchObject({ eligibleOn: '2022-09-09', deadlineOn: '2026-05-01' });
  });

  it('leaves out people displaced as adults and counts unknown ages in the summary only', async () => {
    expect(await entryOf(ids.displacedAsAdult!)).toBeUndefined();
    const { summary, items } = await queue('?limit=200');
    expect(items.map((i) => i.dossierId)).not.toContain(ids.unknown);
    expect(summary.unknownAge).toBe(1);
  });
});

describe('keeping entries up to date', () => {
  it('follows a corrected birth date, and withdraws the entry when the dossier leaves the queue', async () => {
    const before = (await entryOf(ids.edgeIn!))!;
    const d = (await home.get(`/api/v1/dossiers/${ids.edgeIn}`)).json();
    const patched = await home.patch(`/api/v1/dossiers/${ids.edgeIn}`, { version: d.version, birthDate: '2008-06-20' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await scan()).updated).toBe(1);
    expect((await entryOf(ids.edgeIn!))!).toMatchObject({ id: before.id, eligibleOn: '2026-06-20', deadlineOn: '2026-07-20' });

    const closed = await home.patch(`/api/v1/dossiers/${ids.edgeIn}`, { version: d.version + 1, status: 'closed' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await scan()).withdrawn).toBe(1);
    expect(await entryOf(ids.edgeIn!)).toBeUndefined();
    const withdrawn = (await home.get(`/api/v1/age-out/${before.id}`)).json();
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawnReason: 'dossier-not-open' });
    const consent = await home.post(`/api/v1/age-out/${before.id}/consent`, { decision: 'stay', recordedHow: 'self', version: withdrawn.version });
    expect(consent.json().code).toBe('AGE_OUT_CLOSED');
    expect((await scan()).withdrawn).toBe(0);
  });

  it('moves open deadlines when the configured number of days changes', async () => {
    await scan(10);
    expect((await entryOf(ids.edgeOut!))!.deadlineOn).toBe('2026-07-11');
    await scan(30);
    expect((await entryOf(ids.edgeOut!))!.deadlineOn).toBe('2026-07-31');
  });
});

describe('listing the queue', () => {
  it('sorts by deadline and pages with a cursor without losing or repeating anyone', async () => {
    const all = (await queue('?limit=200')).items;
    expect(all.map((e) => e.deadlineOn)).toEqual([...all.map((e) => e.deadlineOn)].sort());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof queue>> = await queue(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it('filters by status and by days to the deadline', async () => {
    // On 2026-05-31: the adult found on 04-01 is overdue (deadline 05-01); the month-born one has consent.
    const overdue = (await queue('?status=overdue')).items.map((e) => e.dossierId);
    expect(overdue).toContain(ids.adultLongAgo);
    expect((await queue('?status=consent-recorded')).items.map((e) => e.dossierId)).toContain(ids.month);
    const soon = (await queue('?dueWithinDays=0')).items;
    expect(soon.every((e) => e.deadlineOn <= '2026-05-31')).toBe(true);
    expect(soon.map((e) => e.dossierId)).toContain(ids.adultLongAgo);
    expect(soon.map((e) => e.dossierId)).not.toContain(ids.edgeOut);
  });
});

describe('a birthday corrected out of the window', () => {
  it('withdraws an entry whose corrected birthday is out of the window once, not at every scan', async () => {
    const id = await dossier({ birthDate: '2008-06-25' });
    expect((await scan()).created).toBe(1);
    const entry = (await entryOf(id))!;
    const d = (await home.get(`/api/v1/dossiers/${id}`)).json();
    expect((await home.patch(`/api/v1/dossiers/${id}`, { version: d.version, birthDate: '2009-01-01' })).statusCode).toBe(200);
    expect((await scan()).withdrawn).toBe(1);
    expect((await scan()).withdrawn).toBe(0);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('record_id', '=', entry.id).where('action', '=', 'age-out.withdraw').execute();
    expect(audit).toHaveLength(1);
    expect((await home.get(`/api/v1/age-out/${entry.id}`)).json()).toMatchObject({ status: 'withdrawn', withdrawnReason: 'not-in-window' });
    // The dossier is open and the window moves on: back in the queue, the same entry.
    await travel('2026-10-05T09:00:00Z');
    await scan();
    expect((await home.get(`/api/v1/age-out/${entry.id}`)).json()).toMatchObject({ status: 'upcoming', eligibleOn: '2027-01-01', withdrawnReason: null });
  });
});
