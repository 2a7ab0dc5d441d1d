import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, openFixtureCase } from '../../../test/case-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { decryptExport } from './exports.crypto.ts';

// The two documents that leave Homeward besides record files: the monthly report and subject access.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
});
afterAll(() => t.close());

const auditOf = (id: string, action: string) => t.database.db.selectFrom('audit_log').selectAll().where('record_type', '=', 'export').where('record_id', '=', id).where('action', '=', action).execute();

describe('controlled document exports', () => {
  it('gives an auditor the monthly report as an encrypted PDF with the watermark in it', async () => {
    const auditor = await t.login(['auditor']);
    const res = await auditor.post('/api/v1/exports', { kind: 'report-pdf', month: '2026-05', lang: 'uk' });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({ kind: 'report-pdf', format: 'pdf', recordCount: 0, filters: { month: '2026-05', lang: 'uk' } });
    const file = await auditor.get(`/api/v1/exports/${made.id}/file`);
    const pdf = await decryptExport(file.rawPayload, { passphrase: made.passphrase });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(`Homeward export ${made.id} | party `);
    expect(pdf.toString('latin1')).toContain(`user ${auditor.userId}`);
    expect((await auditOf(made.id, 'export.create'))[0]!.details).toMatchObject({ recordType: 'report', count: 0, ids: [] });
  });

  it('gives the holding party’s administrator a subject access file, watermarked, audited with the dossier id', async () => {
    const s = await caseSides(t);
    const c = await openFixtureCase(t, s);
    const admin = await t.login(['administrator'], s.holdingParty);
    expect((await s.holder.post('/api/v1/exports', { kind: 'subject-access', dossierId: c.dossierId })).statusCode).toBe(403);
    const otherAdmin = await t.login(['administrator'], s.familyParty);
    expect((await otherAdmin.post('/api/v1/exports', { kind: 'subject-access', dossierId: c.dossierId })).statusCode).toBe(404);

    const res = await admin.post('/api/v1/exports', { kind: 'subject-access', dossierId: c.dossierId, expiresInHours: 2 });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({ kind: 'subject-access', format: 'json', recordCount: 1, expiresAt: '2026-06-01T12:00:00.000Z' });
    const file = await admin.get(`/api/v1/exports/${made.id}/file`);
    const held = JSON.parse((await decryptExport(file.rawPayload, { passphrase: made.passphrase })).toString('utf8'));
    expect(held.watermark).toEqual({ exportId: made.id, userId: admin.userId, partyCode: s.holdingParty.code, createdAt: '2026-06-01T10:00:00.000Z', expiresAt: '2026-06-01T12:00:00.000Z' });
    expect(held.sections.cases.map((x: { id: string }) => x.id)).toEqual([c.caseId]);
    expect((await auditOf(made.id, 'export.create'))[0]!.details).toMatchObject({ recordType: 'dossier', ids: [c.dossierId] });
  });
});
