import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/test-app.ts';
import { sessionPolicy } from './auth.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const loginAs = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

describe('routes', () => {
  it('every /api route declares a permission or is marked public', () => {
    // buildApp would have thrown on registration otherwise; this guards the guard.
    const table = t.app.routeTable;
    expect(table.length).toBeGreaterThan(15);
    expect(table.find((r) => r.method === 'POST' && r.url === '/api/v1/dossiers')?.permission).toBe('dossier.write');
    for (const r of table) expect(r.public || !!r.permission, `${r.method} ${r.url}`).toBe(true);
    // Public: health, the API description, login, and the suppressed public statistics (no personal data).
    expect(table.filter((r) => r.public).map((r) => r.url).sort()).toEqual(['/api/health', '/api/openapi.json', '/api/public/statistics', '/api/v1/auth/login']);
    expect(() =>
      t.app.get('/api/v1/unguarded', async () => 'x'),
    ).toThrow(/declares no permission/);
  });

  it('serves health and an OpenAPI document generated from the schemas', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/dossiers', '/api/v1/dossiers/{id}', '/api/v1/requests/search']));
    expect(doc.paths['/api/v1/dossiers'].post.requestBody.content['application/json'].schema.properties.names).toBeTruthy();
  });

  it('sends security headers and no-store on API answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('login and sessions', () => {
  it('refuses a wrong password and an unknown account with the same answer', async () => {
    const c = await t.login(['viewer']);
    const email = (await t.database.db.selectFrom('app_user').select('email').where('id', '=', c.userId).executeTakeFirstOrThrow()).email;
    const wrong = await loginAs(email, 'not the password at all');
    const unknown = await loginAs('nobody@test.invalid', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('sets an httpOnly SameSite=Strict cookie holding a token the database never stores', async () => {
    const c = await t.login(['viewer']);
    const token = c.cookie.split('=')[1]!;
    const stored = await t.database.db.selectFrom('session').select('id').where('user_id', '=', c.userId).execute();
    expect(stored.map((s) => s.id)).not.toContain(token);
    const email = (await t.database.db.selectFrom('app_user').select('email').where('id', '=', c.userId).executeTakeFirstOrThrow()).email;
    const res = await loginAs(email, TEST_PASSWORD);
    const cookie = res.cookies.find((x) => x.name === 'hw_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
  });

  it('locks an account after repeated failures, with a clear code', async () => {
    const c = await t.login(['viewer']);
    const email = (await t.database.db.selectFrom('app_user').select('email').where('id', '=', c.userId).executeTakeFirstOrThrow()).email;
    for (let i = 0; i < sessionPolicy.maxFailures; i++) await loginAs(email, 'wrong wrong wrong');
    const locked = await loginAs(email, TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(sessionPolicy.lockMs + 1000);
    expect((await loginAs(email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('expires idle sessions', async () => {
    const c = await t.login(['viewer']);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advance(sessionPolicy.idleMs + 1000);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('logs out one session, or everywhere', async () => {
    const a = await t.login(['viewer']);
    expect((await a.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await a.get('/api/v1/auth/me')).statusCode).toBe(401);

    const b = await t.login(['viewer']);
    const email = (await t.database.db.selectFrom('app_user').select('email').where('id', '=', b.userId).executeTakeFirstOrThrow()).email;
    const second = await loginAs(email, TEST_PASSWORD);
    const cookie2 = `hw_session=${second.cookies.find((x) => x.name === 'hw_session')!.value}`;
    expect((await b.post('/api/v1/auth/logout-everywhere')).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: cookie2 } })).statusCode).toBe(401);
  });
});
