import type { PublicStatistics, ReportSummary, SuppressedListDto } from '@homeward/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, fixtureDossier, openFixtureCase, type CaseSides } from '../../../test/case-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { renderMonthlyReportPdf } from './report-pdf.ts';

// One seeded world (now = 2026-06-01): 23 children (17 in Rostov region aged 14, 6 in Kursk
// region aged 5), and 5 cases filed by the family party on 2026-01-01, matched 2, 4, 6, 8 and
// 10 days later, verified on 1 February and reunited 100 days after each match (April).

let t: TestApp;
let sides: CaseSides;
let admin: Client;
const day = (iso: string, plus = 0) => new Date(Date.parse(`${iso}T12:00:00Z`) + plus * 86_400_000);
const count = (l: SuppressedListDto, label: string) => l.counts[l.labels.indexOf(label)];

beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
  sides = await caseSides(t);
  admin = await t.login(['administrator'], sides.holdingParty);
  for (let i = 0; i < 12; i++) expect((await sides.holder.post('/api/v1/dossiers', fixtureDossier())).statusCode).toBe(201);
  for (let i = 0; i < 6; i++) {
    const d = fixtureDossier({ birthDate: '2020', displacement: { kind: 'crossed-border', date: '2024-09' }, currentLocation: { region: 'Курская область', placement: 'institution' } });
    expect((await sides.holder.post('/api/v1/dossiers', d)).statusCode).toBe(201);
  }
  const db = t.database.db;
  for (let i = 0; i < 5; i++) {
    const c = await openFixtureCase(t, sides, { status: 'reunited' });
    await db.updateTable('tracing_request').set({ filed_on: '2026-01-01' }).where('id', '=', c.requestId).execute();
    const matched = day('2026-01-01', 2 * (i + 1));
    const mp = await sql<{ id: string }>`insert into match_proposal (kind, left_id, right_id, party_id, score, decision, evidence, status, version_hash, decided_at)
      values ('request-dossier', ${c.requestId}, ${c.dossierId}, ${sides.familyParty.id}, 20, 'match', '{}', 'confirmed', 'x', ${matched}) returning id`.execute(db);
    await sql`insert into match_proposal_event (proposal_id, status, at) values (${mp.rows[0]!.id}, 'confirmed', ${matched})`.execute(db);
    await db.insertInto('tracing_case_event').values([
      { case_id: c.caseId, from_status: 'located', to_status: 'verified', at: day('2026-02-01') },
      { case_id: c.caseId, from_status: 'in-transit', to_status: 'reunited', at: new Date(matched.getTime() + 100 * 86_400_000) },
    ]).execute();
  }
  // The database stamps created_at with its own clock; the report counts children recorded by its date.
  await db.updateTable('dossier').set({ created_at: day('2026-05-01') }).execute();
});
afterAll(async () => t?.close());

describe('GET /api/v1/reports/summary (party report, threshold 5)', () => {
  let family: ReportSummary;
  beforeAll(async () => {
    const res = await sides.family.get('/api/v1/reports/summary');
    expect(res.statusCode, res.body).toBe(200);
    family = res.json();
  });

  it('counts every child the party can read, with exact large cells', () => {
    expect(family).toMatchObject({ scope: 'party', threshold: 5, from: '2025-07-01', to: '2026-07-01', asOf: '2026-06-01' });
    expect(count(family.children.byStatus, 'open')).toBe(23);
    expect(count(family.children.byRegion, 'Ростовская область')).toBe(17);
    expect(count(family.children.byRegion, 'Курская область')).toBe(6);
    expect(count(family.children.byAgeGroup, '14-17')).toBe(17);
    expect(count(family.children.byAgeGroup, '5-9')).toBe(6);
    expect(count(family.children.byDisplacementKind, 'crossed-border')).toBe(6);
    expect(count(family.children.byDisplacementMonth, '2024-09')).toBe(6);
    expect(count(family.children.byDisplacementMonth, '2022-04')).toBe(17);
  });

  it('renders the monthly report as a PDF with an embedded Cyrillic font', async () => {
    for (const lang of ['uk', 'ru', 'en'] as const) {
      const pdf = await renderMonthlyReportPdf(family, '2026-06', lang);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
      // The font is embedded (a subset of DejaVu Sans), so Cyrillic renders on any machine.
      expect(pdf.toString('latin1')).toMatch(/FontFile2/);
      expect(pdf.toString('latin1')).toMatch(/DejaVuSans/);
    }
  });

  it("counts the party's own requests and cases by month, and the time taken", () => {
    expect(count(family.requests.filed, '2026-01')).toBe(5);
    expect(count(family.requests.filed, '2026-06')).toBe(0);
    expect(count(family.requests.matched, '2026-01')).toBe(5);
    expect(count(family.requests.verified, '2026-02')).toBe(5);
    expect(count(family.reunifications, '2026-04')).toBe(5);
    expect(count(family.casesByStatus, 'reunited')).toBe(5);
    expect(family.durations).toEqual({
      requestToMatch: { observations: 5, medianDays: 6, p90Days: 9.2 },
      matchToReunion: { observations: 5, medianDays: 100, p90Days: 100 },
      requestToReunion: { observations: 5, medianDays: 106, p90Days: 109.2 },
    });
    expect(family.contactRegularity).toMatchObject({ rows: [], total: 0 });
  });

  it('does not count requests of another party; the holding party sees its cases', async () => {
    const holder: ReportSummary = (await sides.holder.get('/api/v1/reports/summary')).json();
    expect(holder.requests.filed.total).toBe(0);
    expect(count(holder.reunifications, '2026-04')).toBe(5);
    const stranger: ReportSummary = (await t.login(['viewer']).then((c) => c.get('/api/v1/reports/summary'))).json();
    expect(stranger.reunifications.total).toBe(0);
    expect(stranger.durations.matchToReunion).toEqual({ observations: 0, medianDays: null, p90Days: null });
    expect(count(stranger.children.byStatus, 'open')).toBe(23);
  });

  it('suppresses small cells in a narrower period', async () => {
    const res = await sides.family.get('/api/v1/reports/summary?from=2026-04-01&to=2026-05-01');
    const r: ReportSummary = res.json();
    expect(r.requests.filed).toEqual({ labels: ['2026-04'], counts: [0], total: 0 });
    expect(r.reunifications.counts).toEqual([5]);
    const narrow = (await sides.family.get('/api/v1/reports/summary?from=2026-01-01&to=2026-01-09')).json() as ReportSummary;
    // Matches on 3, 5 and 7 January: 3 < 5, alone in its list, so the total goes too.
    expect(narrow.requests.matched).toEqual({ labels: ['2026-01'], counts: [null], total: null });
    expect(narrow.durations.requestToMatch).toEqual({ observations: null, medianDays: null, p90Days: null });
  });

  it('rejects a period that ends before it starts', async () => {
    const res = await sides.family.get('/api/v1/reports/summary?from=2026-05-01&to=2026-04-01');
    expect(res.statusCode).toBe(400);
  });

  it('refuses a caller without report.read (an API token scoped to dossiers)', async () => {
    const tok = await admin.post('/api/v1/tokens', { name: 'exchange', permissions: ['dossier.read'] });
    expect(tok.statusCode, tok.body).toBe(201);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/reports/summary', headers: { authorization: `Bearer ${tok.json().token}` } });
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/reports/summary' })).statusCode).toBe(401);
  });
});

describe('public statistics (threshold 10, no login)', () => {
  let body: string;
  let stats: PublicStatistics;
  beforeAll(async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/statistics' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    body = res.body;
    stats = res.json();
  });

  it('suppresses cells under 10 with their complements and keeps large cells exact', () => {
    const s = stats.statistics;
    expect(s).toMatchObject({ scope: 'public', threshold: 10 });
    expect(count(s.children.byStatus, 'open')).toBe(23);
    expect(s.children.byRegion).toEqual({ labels: ['Курская область', 'Ростовская область'], counts: [null, null], total: 23 });
    expect(count(s.reunifications, '2026-04')).toBeNull();
    expect(s.reunifications.total).toBeNull();
    expect(s.durations.requestToReunion).toEqual({ observations: null, medianDays: null, p90Days: null });
  });

  it('shows the current signed tree head', () => {
    expect(stats.checkpoint).toMatchObject({ size: expect.any(Number), rootHash: expect.any(String) });
    expect(stats.checkpoint!.note).toContain(stats.checkpoint!.rootHash);
  });

  it('holds no names or ids of the seeded records', () => {
    for (const name of ['Коваленко', 'Александр', 'Олександр', 'Ірина', '+380', sides.familyParty.code, sides.holdingParty.id]) expect(body).not.toContain(name);
  });
});

describe('GET /transparency', () => {
  it.each([
    ['uk', 'Діти за віком'],
    ['ru', 'Дети по возрасту'],
    ['en', 'Children by age'],
  ])('renders in %s without login', async (lang, heading) => {
    const res = await t.app.inject({ method: 'GET', url: `/transparency?lang=${lang}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain(`<html lang="${lang}">`);
    expect(res.body).toContain(heading);
    expect(res.body).toContain('<svg');
    expect(res.body).not.toContain('Коваленко');
  });

  it('follows Accept-Language when no language is asked for', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/transparency', headers: { 'accept-language': 'ru-RU,ru;q=0.9' } });
    expect(res.body).toContain('<html lang="ru">');
  });
});
