import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoJpeg } from '../../../../../packages/media/test/fixtures.ts';
import { caseSides, openFixtureCase, type CaseSides } from '../../../test/case-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { upload, useTemporaryMediaFolder } from './media.test-support.ts';

let t: TestApp;
let sides: CaseSides;
let caseId: string;
beforeAll(async () => {
  useTemporaryMediaFolder();
  t = await createTestApp();
  sides = await caseSides(t);
  ({ caseId } = await openFixtureCase(t, sides, { status: 'in-transit' }));
});
afterAll(() => t.close());

describe('photos and documents on a case', () => {
  it('either party of the case adds and sees them; nobody else does', async () => {
    const res = await upload(sides.holder, `/api/v1/cases/${caseId}/media?kind=photo`, await photoJpeg(400, 300), 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    const media = res.json();
    expect(media).toMatchObject({ subjectType: 'case', subjectId: caseId, kind: 'photo' });

    // The family's side sees it and can open it; every view is audited.
    const list = await sides.family.get(`/api/v1/cases/${caseId}/media`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((m: { id: string }) => m.id)).toEqual([media.id]);
    const thumb = await sides.family.get(`/api/v1/media/${media.id}/thumbnail`);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['cache-control']).toContain('no-store');
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('record_id', '=', media.id).where('actor_user_id', '=', sides.family.userId).execute();
    expect(audit.map((a) => a.action)).toContain('media.view');

    // The family side may add one too (e.g. the handover photo taken at the border).
    expect((await upload(sides.family, `/api/v1/cases/${caseId}/media?kind=photo`, await photoJpeg(320, 240), 'image/jpeg')).statusCode).toBe(201);

    // A third party's caseworker gets 404 on the list, the file and an upload; a viewer has no media rights.
    const stranger = await t.login(['caseworker']);
    expect((await stranger.get(`/api/v1/cases/${caseId}/media`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/media/${media.id}/thumbnail`)).statusCode).toBe(404);
    expect((await upload(stranger, `/api/v1/cases/${caseId}/media?kind=photo`, await photoJpeg(100, 100), 'image/jpeg')).statusCode).toBe(404);
    const viewer = await t.login(['viewer'], sides.familyParty);
    expect((await viewer.get(`/api/v1/cases/${caseId}/media`)).statusCode).toBe(403);
  });
});
