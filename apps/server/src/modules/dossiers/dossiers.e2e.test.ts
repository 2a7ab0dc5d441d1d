import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';

const child = (over: Record<string, unknown> = {}) => ({
  names: [{ givenName: 'Александр', familyName: 'Коваленко', patronymic: 'Сергеевич' }],
  sex: 'male',
  birthDate: '2012-03-05',
  birthPlace: 'Мариуполь',
  displacement: { place: 'Мариуполь', date: '2022-04', kind: 'evacuated-from-front-line' },
  currentLocation: { region: 'Ростовская область', placement: 'foster-family', address: 'ул. Вымышленная, 1' },
  services: { medical: { receiving: true, summary: 'regular check-ups' }, psychological: { receiving: true } },
  languages: ['uk', 'ru'],
  ...over,
});

let t: TestApp;
let holder: Client;
beforeAll(async () => {
  t = await createTestApp();
  holder = await t.login(['caseworker'], await t.party('holding-country-authority'));
});
afterAll(() => t.close());

describe('dossiers API', () => {
  it('creates a dossier, detects the script, and reads it back', async () => {
    const res = await holder.post('/api/v1/dossiers', child());
    expect(res.statusCode).toBe(201);
    const d = res.json();
    expect(d.names[0].script).toBe('ru-Cyrl');
    expect(d.birthDate).toBe('2012-03-05');
    expect(d.currentLocation.address).toBe('ул. Вымышленная, 1');
    expect(d.withheld).toEqual([]);
    const again = await holder.get(`/api/v1/dossiers/${d.id}`);
    expect(again.statusCode).toBe(200);
    expect(again.json().names).toEqual(d.names);
  });

  it('keeps the precision of partial birth dates', async () => {
    const year = await holder.post('/api/v1/dossiers', child({ birthDate: '2013' }));
    expect(year.json().birthDate).toBe('2013');
    const month = await holder.post('/api/v1/dossiers', child({ birthDate: '2013-07' }));
    expect(month.json().birthDate).toBe('2013-07');
  });

  it.each([
    ['an impossible date', { birthDate: '2012-02-30' }, 'body.birthDate'],
    ['a malformed date', { birthDate: '05.03.2012' }, 'body.birthDate'],
    ['no names', { names: [] }, 'body.names'],
    ['an unknown sex', { sex: 'x' }, 'body.sex'],
  ])('refuses %s with VALIDATION_FAILED naming the field', async (_label, over, path) => {
    const res = await holder.post('/api/v1/dossiers', child(over));
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(res.body).not.toContain('Коваленко');
  });

  it('refuses a birth date in the future and a displacement before birth', async () => {
    const future = await holder.post('/api/v1/dossiers', child({ birthDate: '2027-01-01' }));
    expect(future.statusCode).toBe(400);
    expect(future.json().issues).toContainEqual({ path: 'birthDate', message: 'is in the future' });
    const before = await holder.post('/api/v1/dossiers', child({ displacement: { date: '2010-01', kind: 'other' } }));
    expect(before.json().issues).toEqual([{ path: 'displacement.date', message: 'is before the birth date' }]);
  });

  it('answers 413 to an oversize body and 400 to broken JSON', async () => {
    const big = await holder.post('/api/v1/dossiers', child({ biography: 'x'.repeat(1_100_000) }));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
    const broken = await holder.request({ method: 'POST', url: '/api/v1/dossiers', payload: '{"names": [', headers: { 'content-type': 'application/json' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('VALIDATION_FAILED');
  });

  it('answers 404 for unknown and malformed ids alike', async () => {
    const unknown = await holder.get('/api/v1/dossiers/00000000-0000-4000-8000-000000000000');
    const malformed = await holder.get('/api/v1/dossiers/not-an-id');
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(malformed.json()).toEqual(unknown.json());
  });

  it('updates with optimistic concurrency and audits the fields touched', async () => {
    const d = (await holder.post('/api/v1/dossiers', child())).json();
    const ok = await holder.patch(`/api/v1/dossiers/${d.id}`, { version: 1, biography: 'Found in a foster family.' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    expect(ok.json().names).toEqual(d.names);
    const stale = await holder.patch(`/api/v1/dossiers/${d.id}`, { version: 1, biography: 'stale' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', d.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['dossier.create', 'dossier.update']);
    expect(audit[1]!.fields).toEqual(['biography']);
    expect(audit[1]!.actor_user_id).toBe(holder.userId);
    expect(JSON.stringify(audit)).not.toContain('foster family');
  });

  it('does not let another party change a dossier (it looks missing)', async () => {
    const d = (await holder.post('/api/v1/dossiers', child())).json();
    const other = await t.login(['caseworker']);
    const res = await other.patch(`/api/v1/dossiers/${d.id}`, { version: 1, biography: 'x' });
    expect(res.statusCode).toBe(404);
  });

  it('withholds the exact address from other parties and services from tiers that lack them', async () => {
    const d = (await holder.post('/api/v1/dossiers', child())).json();
    const otherCaseworker = await t.login(['caseworker']);
    const seen = (await otherCaseworker.get(`/api/v1/dossiers/${d.id}`)).json();
    expect(seen.currentLocation.address).toBeUndefined();
    expect(seen.withheld).toEqual(['currentLocation.address']);
    const viewer = await t.login(['viewer']);
    const v = (await viewer.get(`/api/v1/dossiers/${d.id}`)).json();
    expect(v.services).toEqual({});
    expect(v.withheld).toEqual(['services.medical', 'services.psychological', 'currentLocation.address']);
  });

  it('audits reads of sensitive data with the tiers shown', async () => {
    const d = (await holder.post('/api/v1/dossiers', child())).json();
    const verifier = await t.login(['verifier']);
    await verifier.get(`/api/v1/dossiers/${d.id}`);
    const read = await t.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', d.id).where('action', '=', 'dossier.read').execute();
    expect(read).toHaveLength(1);
    expect(read[0]!.actor_user_id).toBe(verifier.userId);
    expect(read[0]!.fields).toEqual(['identity', 'sensitive']);
  });

  it('needs a session, the right permission, and a CSRF token for writes', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/dossiers' })).statusCode).toBe(401);
    const viewer = await t.login(['viewer']);
    expect((await viewer.post('/api/v1/dossiers', child())).statusCode).toBe(403);
    const noCsrf = await holder.request({ method: 'POST', url: '/api/v1/dossiers', payload: child(), headers: { 'x-csrf-token': '' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_REJECTED');
  });
});

describe('listing and search', () => {
  let lister: Client;
  beforeAll(async () => {
    const p = await t.party('holding-country-authority');
    lister = await t.login(['caseworker'], p);
    const people = [
      ['Олександр', 'Шевчук', 2011, 'Ростовская область'],
      ['Ганна', 'Шевчук', 2014, 'Московская область'],
      ['Aleksandr', 'SHEVCHUK', 2011, 'Московская область'],
      ['Дмитрий', 'Шевчук', 2015, 'Ростовская область'],
    ] as const;
    for (const [g, f, y, region] of people) {
      const r = await lister.post('/api/v1/dossiers', child({ names: [{ givenName: g, familyName: f }], birthDate: String(y), currentLocation: { region, placement: 'institution' } }));
      expect(r.statusCode).toBe(201);
    }
  });

  const search = (body: object) => lister.post('/api/v1/dossiers/search', { partyId: lister.partyId, ...body });

  it('finds a name across scripts', async () => {
    const latin = (await search({ name: 'Oleksandr' })).json();
    expect(latin.items.map((d: { names: Array<{ givenName: string }> }) => d.names[0]!.givenName)).toEqual(['Олександр']);
    const hanna = (await search({ name: 'Hanna' })).json();
    expect(hanna.items).toHaveLength(1);
    const surname = (await search({ name: 'Шевчук' })).json();
    expect(surname.items).toHaveLength(4);
  });

  it('filters by birth year and region and pages with a cursor', async () => {
    const y = (await search({ birthYear: 2011 })).json();
    expect(y.items).toHaveLength(2);
    const r = (await search({ region: 'ростовская область' })).json();
    expect(r.items).toHaveLength(2);
    const first = (await search({ limit: 3 })).json();
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBeTruthy();
    const second = (await search({ limit: 3, cursor: first.nextCursor })).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((d: { id: string }) => d.id);
    expect(new Set(ids).size).toBe(4);
  });

  it('refuses a forged cursor with a clear code', async () => {
    const res = await search({ cursor: 'garbage' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('INVALID_CURSOR');
  });

  it('lists through GET with non-personal filters and audits the ids returned', async () => {
    const res = await lister.get(`/api/v1/dossiers?partyId=${lister.partyId}&birthYear=2014`);
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((d: { id: string }) => d.id);
    expect(ids).toHaveLength(1);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'dossier.list').where('actor_user_id', '=', lister.userId).execute();
    expect(audit.at(-1)!.details).toEqual({ ids });
  });
});
