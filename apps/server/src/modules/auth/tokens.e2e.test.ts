import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login(['administrator']);
});
afterAll(() => t.close());

const withToken = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
const dossier = { names: [{ givenName: 'Іван', familyName: 'Тест' }], sex: 'male' };

describe('API tokens', () => {
  it('authenticate machine-to-machine calls within their scope, without CSRF, and audit every use', async () => {
    const created = await admin.post('/api/v1/tokens', { name: 'exchange robot', permissions: ['dossier.read', 'dossier.write'], expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^hwt_/);
    expect((await withToken(token, 'POST', '/api/v1/dossiers', dossier)).statusCode).toBe(201);
    expect((await withToken(token, 'GET', '/api/v1/dossiers')).statusCode).toBe(200);
    const outOfScope = await withToken(token, 'GET', '/api/v1/requests');
    expect(outOfScope.statusCode).toBe(403);
    const uses = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'token.use').where('record_id', '=', id).execute();
    expect(uses.map((u) => (u.details as { route: string }).route)).toEqual(['/api/v1/dossiers', '/api/v1/dossiers', '/api/v1/requests']);
    const stored = await t.database.db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(token).not.toContain(stored.secret_hash);
  });

  it('stop working when revoked or expired, and refuse a forged secret', async () => {
    const a = (await admin.post('/api/v1/tokens', { name: 'a', permissions: ['dossier.read'], expiresInDays: 1 })).json();
    const b = (await admin.post('/api/v1/tokens', { name: 'b', permissions: ['dossier.read'] })).json();
    expect((await withToken(a.token, 'GET', '/api/v1/dossiers')).statusCode).toBe(200);
    const forged = a.token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect((await withToken(forged, 'GET', '/api/v1/dossiers')).json().code).toBe('TOKEN_INVALID');
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/tokens/${b.id}` })).statusCode).toBe(204);
    expect((await withToken(b.token, 'GET', '/api/v1/dossiers')).statusCode).toBe(401);
    t.clock.advance(86_400_000 + 1000);
    expect((await withToken(a.token, 'GET', '/api/v1/dossiers')).statusCode).toBe(401);
  });

  it("cannot be scoped beyond the owner's roles, and are managed only within the party", async () => {
    const party = await t.party();
    const partyAdmin = await t.login(['administrator'], party);
    const viewer = await t.login(['viewer'], party);
    const beyond = await partyAdmin.post('/api/v1/tokens', { name: 'x', userId: viewer.userId, permissions: ['dossier.write'] });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().issues[0].message).toContain('dossier.write');
    const other = (await admin.post('/api/v1/tokens', { name: 'y', permissions: ['dossier.read'] })).json();
    expect((await partyAdmin.request({ method: 'DELETE', url: `/api/v1/tokens/${other.id}` })).statusCode).toBe(404);
    expect((await partyAdmin.get('/api/v1/tokens')).json().items.map((i: { id: string }) => i.id)).not.toContain(other.id);
  });
});

describe('sessions', () => {
  it('ignore a session id planted before login (no fixation)', async () => {
    const planted = 'attacker-chosen-value';
    const c = await t.login(['viewer']);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { cookie: `hw_session=${planted}` }, payload: { email: c.email, password: 'correct horse battery staple' } });
    const issued = res.cookies.find((x) => x.name === 'hw_session')!.value;
    expect(issued).not.toBe(planted);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `hw_session=${planted}` } })).statusCode).toBe(401);
  });

  it('end at their absolute expiry even when in use', async () => {
    const c = await t.login(['viewer']);
    for (let h = 0; h < 12; h++) {
      t.clock.advance(59 * 60_000);
      expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(59 * 60_000);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});
