import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithPrivateExif, photoJpeg } from '../../../../../packages/media/test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { createDossier, filesUnder, upload, useTemporaryMediaFolder } from './media.test-support.ts';

let t: TestApp;
let holder: Client;
let blobDir: string;
let dossierId: string;
let ids: string[];

beforeAll(async () => {
  blobDir = useTemporaryMediaFolder();
  t = await createTestApp();
  holder = await t.login(['caseworker'], await t.party('holding-country-authority'));
  dossierId = await createDossier(holder);
  ids = [];
  for (const size of [100, 120, 140]) ids.push((await upload(holder, `/api/v1/dossiers/${dossierId}/media`, await photoJpeg(size, size, false))).json().id);
});
afterAll(() => t.close());

const listed = async () => (await holder.get(`/api/v1/dossiers/${dossierId}/media`)).json().items as Array<{ id: string; position: number | null; isPrimary: boolean; kind: string }>;

describe('photo order, primary photo, date and supplier', () => {
  it('keeps photos in upload order with the first one primary', async () => {
    const items = await listed();
    expect(items.map((i) => i.id)).toEqual(ids);
    expect(items.map((i) => i.position)).toEqual([0, 1, 2]);
    expect(items.map((i) => i.isPrimary)).toEqual([true, false, false]);
  });

  it('reorders the photos and refuses an order that leaves one out or repeats one', async () => {
    const order = [ids[2]!, ids[0]!, ids[1]!];
    const res = await holder.request({ method: 'PUT', url: `/api/v1/dossiers/${dossierId}/media/order`, payload: { ids: order } });
    expect(res.statusCode).toBe(200);
    expect((await listed()).map((i) => i.id)).toEqual(order);
    for (const bad of [[ids[0], ids[1]], [ids[0], ids[0], ids[1]]]) {
      const refused = await holder.request({ method: 'PUT', url: `/api/v1/dossiers/${dossierId}/media/order`, payload: { ids: bad } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('VALIDATION_FAILED');
    }
    expect((await listed()).map((i) => i.id)).toEqual(order);
  });

  it('moves the primary mark to the chosen photo, one primary at a time', async () => {
    const res = await holder.patch(`/api/v1/media/${ids[1]}`, { primary: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().isPrimary).toBe(true);
    expect((await listed()).filter((i) => i.isPrimary).map((i) => i.id)).toEqual([ids[1]]);
  });

  it('records when a photo was taken and who supplied it', async () => {
    const res = await holder.patch(`/api/v1/media/${ids[0]}`, { takenOn: '2019-08-24', suppliedBy: 'family' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ takenOn: '2019-08-24', suppliedBy: 'family', partyId: holder.partyId, uploadedBy: holder.userId });
    for (const bad of [{ takenOn: '2019-02-30' }, { suppliedBy: 'neighbour' }, { primary: false }]) {
      expect((await holder.patch(`/api/v1/media/${ids[0]}`, bad)).statusCode).toBe(400);
    }
  });

  it('takes the date from the photo’s EXIF when it has one', async () => {
    const res = await upload(holder, `/api/v1/dossiers/${dossierId}/media`, await jpegWithPrivateExif(90, 90));
    expect(res.json()).toMatchObject({ takenOn: '2022-03-01', capturedAt: '2022-03-01T10:20:30+02:00', position: 3, isPrimary: false });
    ids.push(res.json().id);
  });

  it('deletes a photo and its blobs; deleting the primary promotes the next photo', async () => {
    const blobsBefore = filesUnder(blobDir).length;
    const res = await holder.request({ method: 'DELETE', url: `/api/v1/media/${ids[1]}` });
    expect(res.statusCode).toBe(204);
    expect(filesUnder(blobDir)).toHaveLength(blobsBefore - 3);
    expect((await holder.get(`/api/v1/media/${ids[1]}/original`)).statusCode).toBe(404);
    const items = await listed();
    expect(items.map((i) => i.id)).not.toContain(ids[1]);
    expect(items.filter((i) => i.isPrimary).map((i) => i.id)).toEqual([items[0]!.id]);
  });
});
