import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp(undefined, { searchRateLimit: 5 });
});
afterAll(() => t.close());

describe('rate limits on expensive routes', () => {
  it('limit searches per account, with a clear code, without affecting another account', async () => {
    const a = await t.login(['caseworker']);
    const b = await t.login(['caseworker']);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await a.post('/api/v1/dossiers/search', { name: 'x' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await a.post('/api/v1/dossiers/search', { name: 'x' });
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect((await b.post('/api/v1/dossiers/search', { name: 'x' })).statusCode).toBe(200);
  });
});
