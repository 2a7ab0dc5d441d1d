import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithPrivateExif } from '../../../../../packages/media/test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { findAuditForRecord } from '../audit/audit.repository.ts';
import { createDossier, createRequest, upload, useTemporaryMediaFolder } from './media.test-support.ts';

let t: TestApp;
let holder: Client; // caseworker of the party that supplied the dossier
let family: Client; // caseworker of the party that filed the request
let otherReviewer: Client; // match reviewer of a third party
let viewer: Client; // viewer (no media.read) of the holding party
let dossierPhoto: string;
let requestPhoto: string;
let requestId: string;
let dossierId: string;

beforeAll(async () => {
  useTemporaryMediaFolder();
  t = await createTestApp();
  const holding = await t.party('holding-country-authority');
  const home = await t.party('home-country-authority');
  holder = await t.login(['caseworker'], holding);
  viewer = await t.login(['viewer'], holding);
  family = await t.login(['caseworker'], home);
  otherReviewer = await t.login(['match-reviewer'], await t.party('mediator'));
  dossierId = await createDossier(holder);
  requestId = await createRequest(family);
  dossierPhoto = (await upload(holder, `/api/v1/dossiers/${dossierId}/media`, await jpegWithPrivateExif(300, 200))).json().id;
  requestPhoto = (await upload(family, `/api/v1/requests/${requestId}/media`, await jpegWithPrivateExif(320, 240))).json().id;
});
afterAll(() => t.close());

describe('who may see and add media', () => {
  it('refuses downloads to a role without media.read, even in the supplying party', async () => {
    const res = await viewer.get(`/api/v1/media/${dossierPhoto}/thumbnail`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect((await viewer.get(`/api/v1/dossiers/${dossierId}/media`)).statusCode).toBe(403);
  });

  it('shows a dossier photo to another party that may see the dossier', async () => {
    expect((await otherReviewer.get(`/api/v1/dossiers/${dossierId}`)).statusCode).toBe(200);
    const res = await otherReviewer.get(`/api/v1/media/${dossierPhoto}/medium`);
    expect(res.statusCode).toBe(200);
    const audit = await findAuditForRecord(t.database.db, 'media', dossierPhoto);
    expect(audit.some((a) => a.action === 'media.view' && a.actor_user_id === otherReviewer.userId)).toBe(true);
  });

  it('keeps a request’s photos with the filing party: others get 404, as for a missing file', async () => {
    expect((await family.get(`/api/v1/media/${requestPhoto}/original`)).statusCode).toBe(200);
    expect((await family.get(`/api/v1/requests/${requestId}/media`)).json().items).toHaveLength(1);
    for (const outsider of [holder, otherReviewer]) {
      const paths = [`/api/v1/media/${requestPhoto}/original`, `/api/v1/media/${requestPhoto}/thumbnail`, `/api/v1/media/${requestPhoto}`, `/api/v1/requests/${requestId}/media`];
      for (const path of paths) {
        const res = await outsider.get(path);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('NOT_FOUND');
      }
    }
    const missing = await holder.get('/api/v1/media/00000000-0000-4000-8000-000000000000/original');
    expect(missing.statusCode).toBe(404);
    const audit = await findAuditForRecord(t.database.db, 'media', requestPhoto);
    expect(audit.filter((a) => a.action === 'media.view').every((a) => a.actor_user_id === family.userId)).toBe(true);
  });

  it('lets only the supplying party add, arrange or remove a dossier’s photos', async () => {
    const photo = await jpegWithPrivateExif(200, 200);
    expect((await upload(family, `/api/v1/dossiers/${dossierId}/media`, photo)).statusCode).toBe(404);
    expect((await upload(otherReviewer, `/api/v1/dossiers/${dossierId}/media`, photo)).statusCode).toBe(403);
    expect((await family.patch(`/api/v1/media/${dossierPhoto}`, { primary: true })).statusCode).toBe(404);
    expect((await family.request({ method: 'DELETE', url: `/api/v1/media/${dossierPhoto}` })).statusCode).toBe(404);
    expect((await holder.request({ method: 'PUT', url: `/api/v1/requests/${requestId}/media/order`, payload: { ids: [requestPhoto] } })).statusCode).toBe(404);
  });

  it('needs a session and, for uploads, the CSRF token', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/media/${dossierPhoto}/original` })).statusCode).toBe(401);
    const noCsrf = await holder.request({
      method: 'POST',
      url: `/api/v1/dossiers/${dossierId}/media`,
      payload: await jpegWithPrivateExif(10, 10),
      headers: { 'content-type': 'image/jpeg', 'x-csrf-token': '' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF_REJECTED');
  });

  it('documents every media route in the OpenAPI as needing the session (none opts out)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const mediaPaths = Object.keys(doc.paths).filter((p) => p.includes('media'));
    expect(mediaPaths.length).toBeGreaterThan(3);
    for (const p of mediaPaths) for (const op of Object.values(doc.paths[p]) as Array<{ security?: unknown }>) expect(op.security).toBeUndefined();
  });
});
