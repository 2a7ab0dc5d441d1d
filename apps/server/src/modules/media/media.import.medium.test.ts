import { MemoryBlobStore, createMasterKey } from '@homeward/media';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdf, jpegWithPrivateExif, pageObjects, photoJpeg } from '../../../../../packages/media/test/fixtures.ts';
import { createTestDatabase } from '../../../test/test-db.ts';
import { fixedClock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../auth/actor.ts';
import { createParty } from '../parties/parties.service.ts';
import { importFile } from '../transfer/import.service.ts';
import { listMedia, readMediaContent } from './media.service.ts';
import type { MediaStorage } from './media.storage.ts';

let database: Database;
let partyId: string;
const clock = fixedClock('2026-06-01T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'hw-import-media-'));
const store = new MemoryBlobStore();
const storage: MediaStorage = { store, keys: [createMasterKey('k1')], maxBytes: 5_000_000 };

beforeAll(async () => {
  database = await createTestDatabase();
  partyId = (await createParty(database.db, systemActor(), { code: 'UA-MEDIA', name: 'Importer', kind: 'holding-country-authority' })).id;
  mkdirSync(join(dir, 'photos'));
  writeFileSync(join(dir, 'photos', 'a.jpg'), await jpegWithPrivateExif(320, 240));
  writeFileSync(join(dir, 'photos', 'b.jpg'), await photoJpeg(200, 150, false));
  writeFileSync(join(dir, 'photos', 'broken.jpg'), (await photoJpeg(400, 300)).subarray(0, 5000));
  writeFileSync(join(dir, 'birth.pdf'), buildPdf(pageObjects()));
});
afterAll(() => database.close());

const child = (i: number, media?: unknown) => ({ sourceId: `M-${i}`, names: [{ givenName: 'Fictional', familyName: `Child${i}` }], sex: 'male', ...(media ? { media } : {}) });
const run = (file: string) => importFile(database.db, clock, file, { kind: 'dossiers', format: file.endsWith('.csv') ? 'csv' : 'jsonl', partyId, actor: systemActor(partyId), media: storage });
const dossierOf = async (sourceId: string) =>
  (await database.db.selectFrom('source_record').select('subject_id').where('source_id', '=', sourceId).executeTakeFirstOrThrow()).subject_id;

describe('homeward import with referenced files', () => {
  it('attaches the photos and documents rows refer to, cleaned, in order, and only once on a re-run', async () => {
    const file = join(dir, 'children.jsonl');
    const lines = [
      child(1, [{ file: 'photos/a.jpg', suppliedBy: 'institution' }, { file: 'photos/b.jpg', takenOn: '2020-01-02' }, { file: 'birth.pdf', kind: 'document' }]),
      child(2, [{ file: 'photos/broken.jpg' }, { file: 'photos/missing.jpg' }, { file: 'photos/b.jpg' }]),
      child(3, [{ file: '../outside.jpg' }]),
      child(4, [{ file: '/etc/passwd' }]),
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const first = await run(file);
    expect(first).toMatchObject({ read: 4, created: 2, files: 4 });
    expect(first.rejected.map((r) => [r.line, r.code, r.issues.map((i) => i.path)])).toEqual([
      [3, 'VALIDATION_FAILED', ['media.0.file']],
      [4, 'VALIDATION_FAILED', ['media.0.file']],
      [2, 'FILE_REJECTED', ['media.0', 'media.1']],
    ]);
    expect(first.rejected[2]!.issues[0]!.message).toMatch(/^IMAGE_CORRUPT/);
    expect(JSON.stringify(first.rejected)).not.toContain('broken.jpg');

    const actor = systemActor(partyId);
    const deps = { db: database.db, clock, storage };
    const media = await listMedia(deps, actor, { type: 'dossier', id: await dossierOf('M-1') });
    expect(media.map((m) => [m.kind, m.position, m.isPrimary, m.suppliedBy, m.takenOn])).toEqual([
      ['photo', 0, true, 'institution', '2022-03-01'],
      ['photo', 1, false, null, '2020-01-02'],
      ['document', null, false, null, null],
    ]);
    const photo = await readMediaContent(deps, actor, media[0]!.id, 'original');
    expect(await exifr.gps(photo.bytes)).toBeUndefined();

    const again = await run(file);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, files: 0 });
    expect((await listMedia(deps, actor, { type: 'dossier', id: await dossierOf('M-1') })).length).toBe(3);
  });

  it('reads `photos` and `documents` columns of the CSV template', async () => {
    const file = join(dir, 'children.csv');
    writeFileSync(file, 'source_id,given_name,family_name,sex,photos,documents\nM-9,Fictional,Child9,female,photos/a.jpg;photos/b.jpg,birth.pdf\n');
    const r = await run(file);
    expect(r).toMatchObject({ created: 1, files: 3, rejected: [] });
  });
});
