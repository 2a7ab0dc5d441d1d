import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithPrivateExif } from '../../../../../packages/media/test/fixtures.ts';
import type { Client } from '../../../test/test-app.ts';
import { filesUnder, upload, useTemporaryMediaFolder } from '../media/media.test-support.ts';
import { verifyStoredLog } from '../transparency/log-export.service.ts';
import { attestAs, createDossier, createWorld, type World } from '../transparency/transparency-fixtures.ts';
import { latestRun, MONTH, runRetentionJob, setRules } from './retention.test-support.ts';

let w: World;
let blobDir: string;
let dossierId: string;
let attestationId: string;
let photoId: string;
let otherDossierId: string;
let requestId: string;

const holderNow = () => w.t.login(['caseworker'], w.parties.holder);
const close = async (c: Client, url: string) => {
  const cur = (await c.get(url)).json();
  const res = await c.patch(url, { version: cur.version, status: url.includes('/requests/') ? 'withdrawn' : 'closed' });
  expect(res.statusCode, res.body).toBe(200);
};

beforeAll(async () => {
  blobDir = useTemporaryMediaFolder();
  // Dossiers and requests take their update time from the database, so the test clock starts now.
  w = await createWorld(new Date().toISOString());
  const d = await createDossier(w, { biography: 'Lived with a foster family in Fictional town', currentLocation: { placement: 'foster-family', address: '12 Fictional street' } });
  dossierId = d.id;
  const a = await attestAs(w.ua, dossierId, 'services-overview-verified');
  expect(a.statusCode, a.body).toBe(201);
  attestationId = a.json().id;
  const photo = await upload(w.holder, `/api/v1/dossiers/${dossierId}/media`, await jpegWithPrivateExif(300, 200));
  expect(photo.statusCode, photo.body).toBe(201);
  photoId = photo.json().id;
  otherDossierId = (await createDossier(w, { biography: 'Still open' })).id;
  const r = await w.holder.post('/api/v1/requests', {
    sought: { names: [{ givenName: 'Fictional' }], sex: 'female' },
    requester: { name: 'Fictional Parent', relationship: 'mother', contact: { phone: '+380000000000' } },
  });
  expect(r.statusCode, r.body).toBe(201);
  requestId = r.json().id;
  await close(w.holder, `/api/v1/dossiers/${dossierId}`);
  await close(w.holder, `/api/v1/requests/${requestId}`);
  const admin = await w.t.login(['administrator'], w.parties.holder);
  await setRules(admin, [
    { kind: 'closed-dossier-sensitive', months: 12 },
    { kind: 'media-of-closed', months: 12 },
    { kind: 'closed-request-contact', months: 3 },
  ]);
}, 60_000);
afterAll(() => w.t.close());

describe('closed dossiers, closed requests and their files', () => {
  it("removes a withdrawn request's requester name and contact after M months, keeping the relationship", async () => {
    w.t.clock.advance(4 * MONTH);
    await runRetentionJob(w.t);
    const holder = await holderNow();
    const req = (await holder.get(`/api/v1/requests/${requestId}`)).json();
    expect(req.requester).toEqual({ relationship: 'mother', contact: {} });
    // The dossier's rule is not due yet.
    expect((await holder.get(`/api/v1/dossiers/${dossierId}`)).json().biography).toBe('Lived with a foster family in Fictional town');
    const run = await latestRun(w.t, w.parties.holder);
    expect(run.results.find((r) => r.kind === 'closed-request-contact')).toMatchObject({ rows: 1, fields: 2 });
  });

  it("minimises a closed dossier's services, biography and address after K months; its attestation turns stale, the log still verifies", async () => {
    w.t.clock.advance(9 * MONTH);
    await runRetentionJob(w.t);
    const holder = await holderNow();
    const d = (await holder.get(`/api/v1/dossiers/${dossierId}`)).json();
    expect(d).toMatchObject({ biography: null, services: {}, status: 'closed' });
    expect(d.currentLocation.address).toBeUndefined();
    expect(d.names[0].givenName).toBe('Олена'); // identity stays
    expect((await holder.get(`/api/v1/dossiers/${otherDossierId}`)).json().biography).toBe('Still open');

    const ua = await w.t.login(['verifier'], w.parties.ua);
    const att = (await ua.get(`/api/v1/attestations/${attestationId}`)).json().attestation;
    expect(att.check.status).toBe('stale');

    const { report, database } = await verifyStoredLog(w.t.database.db, { now: w.t.clock.now() });
    expect(database).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.attestations.invalid).toBe(0);
    expect(report.attestations.stale).toBeGreaterThanOrEqual(1);
  });

  it("crypto-shreds a closed dossier's photos: content answers 404, the file row and its hash remain, the blobs are gone", async () => {
    const holder = await holderNow();
    expect((await holder.get(`/api/v1/media/${photoId}/original`)).statusCode).toBe(404);
    expect((await holder.get(`/api/v1/media/${photoId}/thumbnail`)).statusCode).toBe(404);
    const row = await w.t.database.db.selectFrom('media_file').selectAll().where('id', '=', photoId).executeTakeFirstOrThrow();
    expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/);
    const blobs = await w.t.database.db.selectFrom('media_blob').selectAll().where('media_id', '=', photoId).execute();
    expect(blobs.length).toBeGreaterThan(0);
    expect(blobs.every((b) => b.wrapped_key === null && /^[0-9a-f]{64}$/.test(b.sha256))).toBe(true);
    expect(filesUnder(blobDir).filter((f) => blobs.some((b) => f.includes(b.id)))).toEqual([]);

    const run = await latestRun(w.t, w.parties.holder);
    expect(run.results.find((r) => r.kind === 'media-of-closed')).toMatchObject({ rows: 1, fields: blobs.length });
    expect(run.results.find((r) => r.kind === 'media-of-closed')).not.toHaveProperty('blobsLeft');
  });

  it('changes nothing on a second run', async () => {
    w.t.clock.advance(MONTH);
    await runRetentionJob(w.t);
    const run = await latestRun(w.t, w.parties.holder);
    expect(run.results.map((r) => r.rows)).toEqual([0, 0, 0]);
  });
});
