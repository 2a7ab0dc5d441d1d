import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { systemActor } from '../auth/actor.ts';
import { proposeForDossier } from './matching.service.ts';
import { withMatching } from './matching.tables.ts';

const request = (given: string, family: string, over: Record<string, unknown> = {}) => ({
  sought: {
    names: [{ givenName: given, familyName: family, patronymic: 'Сергійович' }],
    sex: 'male',
    birthDate: '2012-03-05',
    birthPlace: 'Маріуполь',
    lastKnownPlace: 'Маріуполь',
    ...over,
  },
  requester: { name: 'Ірина Коваленко', relationship: 'mother', contact: { phone: '+380 50 000 0000' } },
});

const dossier = (given: string, family: string, over: Record<string, unknown> = {}) => ({
  names: [{ givenName: given, familyName: family, patronymic: 'Сергеевич' }],
  sex: 'male',
  birthDate: '2012-03-05',
  birthPlace: 'Мариуполь',
  displacement: { place: 'Мариуполь', kind: 'evacuated-from-front-line' },
  currentLocation: { region: 'Ростовская область', placement: 'foster-family' },
  ...over,
});

let t: TestApp;
let home: { id: string; code: string };
let caseworker: Client;
let reviewer: Client;
let holder: Client;
/** A match reviewer of the party holding the dossiers: the second reviewer of a case-opening match. */
let holdingReviewer: Client;

beforeAll(async () => {
  t = await createTestApp();
  home = await t.party();
  caseworker = await t.login(['caseworker'], home);
  reviewer = await t.login(['match-reviewer'], home);
  const holding = await t.party('holding-country-authority');
  holder = await t.login(['caseworker'], holding);
  holdingReviewer = await t.login(['match-reviewer'], holding);
});
afterAll(() => t.close());

async function file(body: unknown): Promise<string> {
  const res = await caseworker.post('/api/v1/requests', body);
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function supply(body: unknown): Promise<string> {
  const res = await holder.post('/api/v1/dossiers', body);
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

async function run(requestId: string) {
  const res = await reviewer.post(`/api/v1/requests/${requestId}/match`);
  expect(res.statusCode).toBe(200);
  return res.json().items as Array<{ id: string; rightId: string; score: number; decision: string; status: string }>;
}

describe('matching review workflow', () => {
  it('proposes the Russian dossier for a Ukrainian request as the top candidate, with a side-by-side payload', async () => {
    const decoy = await supply(dossier('Александра', 'Коваленко', { sex: 'female', birthDate: '2014-08-19', names: [{ givenName: 'Александра', familyName: 'Коваленко' }] }));
    const target = await supply(dossier('Александр', 'Коваленко'));
    const req = await file(request('Олександр', 'Коваленко'));
    const items = await run(req);
    expect(items[0]!.rightId).toBe(target);
    expect(items[0]!.decision).toBe('match');
    expect(items.find((i) => i.rightId === decoy)?.score ?? 0).toBeLessThan(items[0]!.score);

    const queue = (await reviewer.get('/api/v1/matches?status=proposed')).json().items as Array<{ id: string; score: number }>;
    expect(queue.map((q) => q.id)).toContain(items[0]!.id);
    expect([...queue].sort((a, b) => b.score - a.score)).toEqual(queue);
    expect(JSON.stringify(queue)).not.toContain('Коваленко');

    const detail = await reviewer.get(`/api/v1/matches/${items[0]!.id}`);
    expect(detail.statusCode).toBe(200);
    const d = detail.json();
    expect(d.left.request.sought.names[0].givenName).toBe('Олександр');
    expect(d.left.request.withheld).toEqual(['requester.name', 'requester.contact']);
    expect(d.right.names[0].givenName).toBe('Александр');
    expect(d.evidence.length).toBeGreaterThan(1);
    expect(d.history.map((h: { status: string }) => h.status)).toEqual(['proposed']);

    // Running again proposes nothing new: the open proposal stands.
    const again = await run(req);
    expect(again.map((i) => i.id)).toEqual(items.map((i) => i.id));
  });

  it('audits a reject with its reason, does not propose the pair again, but does after the dossier names change', async () => {
    const target = await supply(dossier('Богдан', 'Мельник'));
    const req = await file(request('Богдан', 'Мельник', { names: [{ givenName: 'Богдан', familyName: 'Мельник', patronymic: 'Петрович' }] }));
    const [first] = await run(req);
    expect(first!.rightId).toBe(target);

    expect((await reviewer.post(`/api/v1/matches/${first!.id}/reject`, {})).statusCode).toBe(400);
    const rejected = await reviewer.post(`/api/v1/matches/${first!.id}/reject`, { reason: 'Different mother named in the file' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json().status).toBe('rejected');
    expect((await reviewer.post(`/api/v1/matches/${first!.id}/confirm`, {})).statusCode).toBe(409);

    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', first!.id).where('action', '=', 'match.reject').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.reason).toBe('Different mother named in the file');
    expect(audit[0]!.actor_user_id).toBe(reviewer.userId);

    expect((await run(req)).map((i) => i.rightId)).not.toContain(target);
    // The decision history is insert-only in the database itself.
    await expect(withMatching(t.database.db).updateTable('match_proposal_event').set({ reason: 'x' }).where('proposal_id', '=', first!.id).execute()).rejects.toThrow(/append-only/);

    const patched = await holder.patch(`/api/v1/dossiers/${target}`, {
      version: 1,
      names: [{ givenName: 'Богдан', familyName: 'Мельник', patronymic: 'Петрович' }],
    });
    expect(patched.statusCode).toBe(200);
    const after = await run(req);
    const back = after.find((i) => i.rightId === target);
    expect(back).toBeDefined();
    expect(back!.id).not.toBe(first!.id);
    expect(back!.status).toBe('proposed');
  });

  it('confirming a request↔dossier proposal marks the request matched', async () => {
    const target = await supply(dossier('Марія', 'Шевченко', { sex: 'female', birthDate: '2015-01-20', names: [{ givenName: 'Мария', familyName: 'Шевченко', patronymic: 'Андреевна' }] }));
    const req = await file(request('Марія', 'Шевченко', { sex: 'female', birthDate: '2015-01-20', names: [{ givenName: 'Марія', familyName: 'Шевченко', patronymic: 'Андріївна' }] }));
    const [top] = await run(req);
    expect(top!.rightId).toBe(target);
    expect((await caseworker.get(`/api/v1/requests/${req}`)).json().status).toBe('open');
    const first = await reviewer.post(`/api/v1/matches/${top!.id}/confirm`, { reason: 'Birth certificate matches' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'awaiting-second', approvalId: expect.any(String) });
    // Two-person rule: nothing happens until a reviewer of the holding party confirms too.
    expect((await caseworker.get(`/api/v1/requests/${req}`)).json().status).toBe('open');
    const confirmed = await holdingReviewer.post(`/api/v1/matches/${top!.id}/confirm`, {});
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('confirmed');
    expect(confirmed.json().decidedBy).toBe(holdingReviewer.userId);
    expect((await reviewer.get(`/api/v1/matches/${top!.id}`)).json().history.slice(1).map((h: { status: string; actorUserId: string }) => [h.status, h.actorUserId])).toEqual([
      ['awaiting-second', reviewer.userId],
      ['confirmed', holdingReviewer.userId],
    ]);
    expect((await caseworker.get(`/api/v1/requests/${req}`)).json().status).toBe('matched');
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'match.%').execute();
    expect(audit.map((a) => a.action)).toContain('match.confirm');
    expect(JSON.stringify(audit)).not.toMatch(/Шевченко|Коваленко|Мельник/);
  });

  it('refuses review to a viewer and a caseworker (403) and hides proposals from another party (404)', async () => {
    await supply(dossier('Тарас', 'Бондаренко'));
    const req = await file(request('Тарас', 'Бондаренко'));
    const [top] = await run(req);
    expect(top).toBeDefined();

    const viewer = await t.login(['viewer'], home);
    expect((await viewer.post(`/api/v1/matches/${top!.id}/confirm`, {})).statusCode).toBe(403);
    expect((await viewer.post(`/api/v1/matches/${top!.id}/reject`, { reason: 'no' })).statusCode).toBe(403);
    expect((await viewer.get(`/api/v1/matches/${top!.id}`)).statusCode).toBe(403);
    expect((await caseworker.post(`/api/v1/matches/${top!.id}/confirm`, {})).statusCode).toBe(403);

    const stranger = await t.login(['match-reviewer']);
    expect((await stranger.get(`/api/v1/matches/${top!.id}`)).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/matches/${top!.id}/confirm`, {})).statusCode).toBe(404);
    expect((await stranger.post(`/api/v1/requests/${req}/match`)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/matches')).json().items).toEqual([]);
    expect((await reviewer.get(`/api/v1/matches/${top!.id}`)).json().status).toBe('proposed');
  });

  it('sees a dossier re-imported under its source id (the index follows changes made elsewhere)', async () => {
    const first = await supply(dossier('Кирилл', 'Лысенко', { sourceId: 'RU-77-0001', birthDate: '2016-02-02' }));
    const req = await file(request('Ярослав', 'Гончаренко', { birthDate: '2013-09-09' }));
    expect((await run(req)).map((i) => i.rightId)).not.toContain(first);
    const again = await supply(dossier('Ярослав', 'Гончаренко', { sourceId: 'RU-77-0001', birthDate: '2013-09-09' }));
    expect(again).toBe(first);
    expect((await run(req))[0]?.rightId).toBe(first);
  });

  it('proposes dossier↔dossier duplicates, once per pair', async () => {
    const a = await supply(dossier('Дмитрий', 'Ткаченко', { birthDate: '2011-11-11' }));
    const b = await supply(dossier('Dmytro', 'Tkachenko', { birthDate: '2011-11-11', names: [{ givenName: 'Dmytro', familyName: 'Tkachenko' }] }));
    const deps = { db: t.database.db, clock: t.clock };
    const found = await proposeForDossier(deps, a, systemActor());
    const pair = found.find((p) => [p.leftId, p.rightId].sort().join() === [a, b].sort().join());
    expect(pair?.kind).toBe('dossier-dossier');
    const fromOtherSide = await proposeForDossier(deps, b, systemActor());
    expect(fromOtherSide.filter((p) => p.id === pair!.id)).toHaveLength(1);
    expect(fromOtherSide.filter((p) => [p.leftId, p.rightId].includes(a))).toHaveLength(1);
  });
});
