import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';

const request = (over: Record<string, unknown> = {}) => ({
  sought: {
    names: [{ givenName: 'Олександр', familyName: 'Коваленко', patronymic: 'Сергійович' }],
    sex: 'male',
    birthDate: '2012-03-05',
    birthPlace: 'Маріуполь',
    lastKnownPlace: 'Маріуполь',
  },
  requester: { name: 'Ірина Коваленко', relationship: 'mother', contact: { phone: '+380 50 000 0000' } },
  ...over,
});

let t: TestApp;
let home: Client;
beforeAll(async () => {
  t = await createTestApp();
  home = await t.login(['caseworker']);
});
afterAll(() => t.close());

describe('tracing requests API', () => {
  it('files a request, dated today by default, in Ukrainian script', async () => {
    const res = await home.post('/api/v1/requests', request());
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r.sought.names[0].script).toBe('uk-Cyrl');
    expect(r.filedOn).toBe('2026-06-01');
    expect(r.status).toBe('open');
    expect(r.requester.contact.phone).toBe('+380 50 000 0000');
  });

  it('keeps a request within the filing party: another party gets 404 and an empty list', async () => {
    const r = (await home.post('/api/v1/requests', request())).json();
    const other = await t.login(['caseworker']);
    expect((await other.get(`/api/v1/requests/${r.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/requests')).json().items).toEqual([]);
    expect((await other.patch(`/api/v1/requests/${r.id}`, { version: 1, status: 'closed' })).statusCode).toBe(404);
  });

  it('withholds the requester identity and contact from roles without the restricted tier', async () => {
    const r = (await home.post('/api/v1/requests', request())).json();
    const reviewer = await t.login(['match-reviewer'], { id: home.partyId, code: (await t.database.db.selectFrom('party').select('code').where('id', '=', home.partyId).executeTakeFirstOrThrow()).code });
    const seen = (await reviewer.get(`/api/v1/requests/${r.id}`)).json();
    expect(seen.requester.contact).toEqual({});
    expect(seen.requester.name).toBeUndefined();
    expect(seen.withheld).toEqual(['requester.name', 'requester.contact']);
    expect(seen.sought.names[0].givenName).toBe('Олександр');
  });

  it('refuses bad contact details and future filing dates with field paths', async () => {
    const res = await home.post('/api/v1/requests', request({ requester: { name: 'X', relationship: 'mother', contact: { email: 'not-an-email' } } }));
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('body.requester.contact.email');
    const future = await home.post('/api/v1/requests', request({ filedOn: '2026-07-01' }));
    expect(future.json().issues).toEqual([{ path: 'filedOn', message: 'is in the future' }]);
  });

  it('updates status with a version and finds requests by name in another script', async () => {
    const r = (await home.post('/api/v1/requests', request({ sought: { names: [{ givenName: 'Злата', familyName: 'Гнатюк' }], sex: 'female' } }))).json();
    const upd = await home.patch(`/api/v1/requests/${r.id}`, { version: 1, status: 'withdrawn' });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().status).toBe('withdrawn');
    expect(upd.json().sought.sex).toBe('female');
    const found = (await home.post('/api/v1/requests/search', { name: 'Hnatiuk' })).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([r.id]);
  });

  it('enters a status change in the transparency log, with ids and status codes only', async () => {
    const r = (await home.post('/api/v1/requests', request())).json();
    expect((await home.patch(`/api/v1/requests/${r.id}`, { version: 1, status: 'closed' })).statusCode).toBe(200);
    const entries = await t.database.db.selectFrom('log_entry' as never).selectAll().execute();
    const text = JSON.stringify(entries);
    expect(text).toContain(`tracing-request/${r.id}`);
    expect(text).toContain('"to":"closed"');
    expect(text).not.toContain('Коваленко');
  });

  it('proposes candidate dossiers for review as soon as a request is filed', async () => {
    const holder = await t.login(['caseworker'], await t.party('holding-country-authority'));
    const d = (await holder.post('/api/v1/dossiers', { names: [{ givenName: 'Анастасия', familyName: 'Поліщук' }], sex: 'female', birthDate: '2011-09-14' })).json();
    const reviewer = await t.login(['match-reviewer'], { id: home.partyId, code: (await t.database.db.selectFrom('party').select('code').where('id', '=', home.partyId).executeTakeFirstOrThrow()).code });
    await home.post('/api/v1/requests', request({ sought: { names: [{ givenName: 'Анастасія', familyName: 'Поліщук' }], sex: 'female', birthDate: '2011-09-14' } }));
    const queue = (await reviewer.get('/api/v1/matches?status=proposed')).json();
    expect(JSON.stringify(queue)).toContain(d.id);
  });
});
