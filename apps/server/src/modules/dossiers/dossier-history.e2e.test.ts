import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';

const child = (given: string, birthDate: string) => ({
  names: [{ givenName: given, familyName: 'Гончаренко', patronymic: 'Ивановна' }],
  sex: 'female',
  birthDate,
  birthPlace: 'Херсон',
  displacement: { place: 'Херсон', kind: 'evacuated-from-front-line' },
  currentLocation: { region: 'Краснодарский край', placement: 'institution' },
  biography: 'Secret biography text',
});

let t: TestApp;
let holder: Client;
let holderReviewer: Client;
let home: Client;
let stranger: Client;

beforeAll(async () => {
  t = await createTestApp();
  const holdParty = await t.party('holding-country-authority');
  holder = await t.login(['caseworker'], holdParty);
  holderReviewer = await t.login(['match-reviewer'], holdParty);
  home = await t.login(['caseworker'], await t.party('home-country-authority'));
  stranger = await t.login(['caseworker'], await t.party('holding-country-authority'));
});
afterAll(() => t.close());

describe('dossier history', () => {
  it('lists changes with field names and no values; reads are not changes', async () => {
    const id = (await holder.post('/api/v1/dossiers', child('Дарина', '2013-02-11'))).json().id as string;
    const patched = await holder.patch(`/api/v1/dossiers/${id}`, { biography: 'Another secret text', version: 1 });
    expect(patched.statusCode).toBe(200);
    await holder.get(`/api/v1/dossiers/${id}`);

    const res = await holder.get(`/api/v1/dossiers/${id}/history`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ action: string; fields: string[]; actorUserId: string | null; partyCode: string }>;
    expect(items.map((i) => i.action)).toEqual(['dossier.update', 'dossier.create']);
    expect(items[0]!.fields.length).toBeGreaterThan(0);
    expect(items[0]!.actorUserId).not.toBeNull();
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('Дарина');
  });

  it('shows another party only what was done, not by whom or why; a missing dossier is 404', async () => {
    const id = (await holder.post('/api/v1/dossiers', child('Олеся', '2012-07-01'))).json().id as string;
    // The default sharing policy shares every party's dossiers with every other party (docs/SECURITY.md).
    expect((await home.get(`/api/v1/dossiers/${id}`)).statusCode).toBe(200);
    const res = await home.get(`/api/v1/dossiers/${id}/history`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ action: string; actorUserId: string | null; reason: string | null }>;
    expect(items.map((i) => i.action)).toEqual(['dossier.create']);
    expect(items.every((i) => i.actorUserId === null && i.reason === null)).toBe(true);
    const other = (await stranger.get(`/api/v1/dossiers/${id}/history`)).json().items as Array<{ actorUserId: string | null }>;
    expect(other.map((i) => i.actorUserId)).toEqual([null]);
    expect((await holder.get('/api/v1/dossiers/00000000-0000-4000-8000-000000000000/history')).statusCode).toBe(404);
  });

  it("lists one record's matches in every status", async () => {
    const a = (await holder.post('/api/v1/dossiers', child('Мирослава', '2014-09-09'))).json().id as string;
    const b = (await holder.post('/api/v1/dossiers', child('Мирослава', '2014-09-09'))).json().id as string;
    const unrelated = (await holder.post('/api/v1/dossiers', child('Эвелина', '2010-01-20'))).json().id as string;
    const mine = await holderReviewer.get(`/api/v1/matches?status=any&recordId=${a}`);
    expect(mine.statusCode).toBe(200);
    const items = mine.json().items as Array<{ leftId: string; rightId: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((p) => p.leftId === a || p.rightId === a)).toBe(true);
    expect(items.some((p) => p.leftId === b || p.rightId === b)).toBe(true);
    const none = await holderReviewer.get(`/api/v1/matches?status=any&recordId=${unrelated}`);
    expect(none.json().items.filter((p: { leftId: string; rightId: string }) => p.leftId === a || p.rightId === a)).toEqual([]);
    expect((await holderReviewer.get('/api/v1/matches?recordId=not-a-uuid')).statusCode).toBe(400);
  });
});
