import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, openFixtureCase } from '../../../test/case-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { findAuditForRecord } from '../audit/audit.repository.ts';
import { decryptExport } from '../exports/exports.crypto.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
});
afterAll(() => t.close());

describe('subject access export', () => {
  it('gives the holding party’s administrator everything held about the child, audited with the ids', async () => {
    const s = await caseSides(t);
    const c = await openFixtureCase(t, s);
    await s.holder.post('/api/v1/consents', { subjectType: 'dossier', subjectId: c.dossierId, purpose: 'photo-use', givenBy: 'guardian', how: 'written', givenOn: '2026-05-01' });
    await s.family.post(`/api/v1/cases/${c.caseId}/messages`, { body: 'Привіт' });
    const admin = await t.login(['administrator'], s.holdingParty);

    const ask = { kind: 'subject-access', dossierId: c.dossierId };
    expect((await s.holder.post('/api/v1/exports', ask)).statusCode).toBe(403);
    expect((await (await t.login(['administrator'], s.familyParty)).post('/api/v1/exports', ask)).statusCode).toBe(404);
    // There is no plain route any more: subject access leaves only as a controlled export (an
    // unknown API route is refused like any route that grants no permission).
    expect((await admin.get(`/api/v1/dossiers/${c.dossierId}/subject-access`)).statusCode).toBe(403);

    const res = await admin.post('/api/v1/exports', ask);
    expect(res.statusCode, res.body).toBe(201);
    const file = await admin.get(`/api/v1/exports/${res.json().id}/file`);
    const { sections } = JSON.parse((await decryptExport(file.rawPayload, { passphrase: res.json().passphrase })).toString('utf8'));
    expect(sections.dossier).toMatchObject({ id: c.dossierId, birth_date: '2012-03-05' });
    expect(sections.cases.map((x: { id: string }) => x.id)).toEqual([c.caseId]);
    expect(sections.messages).toHaveLength(1);
    expect(sections.consents).toHaveLength(1);
    expect(sections.audit.some((a: { action: string }) => a.action === 'dossier.create')).toBe(true);

    const audit = (await findAuditForRecord(t.database.db, 'dossier', c.dossierId)).filter((a) => a.action === 'subject-access.export');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: admin.userId });
    expect(audit[0]!.details).toMatchObject({ caseIds: [c.caseId], messageIds: [sections.messages[0].id], consentIds: [sections.consents[0].id] });
  });
});
