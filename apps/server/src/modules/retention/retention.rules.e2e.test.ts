import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('retention rules API', () => {
  it('has no rule on until an administrator sets one, and audits each change', async () => {
    const party = await t.party();
    const admin = await t.login(['administrator'], party);
    const initial = (await admin.get('/api/v1/retention/rules')).json();
    expect(initial.rules.map((r: { months: number | null }) => r.months)).toEqual([null, null, null, null]);

    const put = await admin.request({ method: 'PUT', url: '/api/v1/retention/rules', payload: { rules: [{ kind: 'closed-case-sensitive', months: 24 }] } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().rules.find((r: { kind: string }) => r.kind === 'closed-case-sensitive')).toMatchObject({ months: 24, updatedBy: admin.userId });

    const off = await admin.request({ method: 'PUT', url: '/api/v1/retention/rules', payload: { rules: [] } });
    expect(off.json().rules.every((r: { months: number | null }) => r.months === null)).toBe(true);

    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'retention.rules.update').where('record_id', '=', party.id).orderBy('id').execute();
    expect(audit.map((a) => a.details)).toEqual([
      { before: {}, after: { 'closed-case-sensitive': 24 } },
      { before: { 'closed-case-sensitive': 24 }, after: {} },
    ]);
  });

  it('refuses bad rule sets', async () => {
    const admin = await t.login(['administrator']);
    for (const rules of [[{ kind: 'closed-case-sensitive', months: 0 }], [{ kind: 'everything', months: 3 }], [{ kind: 'media-of-closed', months: 3 }, { kind: 'media-of-closed', months: 4 }]]) {
      const res = await admin.request({ method: 'PUT', url: '/api/v1/retention/rules', payload: { rules } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('is for administrators only', async () => {
    const party = await t.party();
    for (const role of ['caseworker', 'auditor', 'viewer']) {
      const c = await t.login([role], party);
      for (const res of [await c.get('/api/v1/retention/rules'), await c.get('/api/v1/retention/runs'), await c.request({ method: 'PUT', url: '/api/v1/retention/rules', payload: { rules: [] } })]) {
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
    }
  });
});
