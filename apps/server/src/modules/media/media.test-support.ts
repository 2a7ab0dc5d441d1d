import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, TestApp } from '../../../test/test-app.ts';

/**
 * Points the media storage of apps built after this call at a fresh folder (the app reads it from the
 * same configuration the server starts with). Returns the blob folder.
 */
export function useTemporaryMediaFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hw-media-'));
  process.env.HOMEWARD_DATA_DIR = dir;
  delete process.env.HOMEWARD_BLOB_DIR;
  delete process.env.HOMEWARD_MEDIA_KEYS;
  return join(dir, 'blobs');
}

/** Every file under the blob folder (encrypted blobs and any temporary file). */
export function filesUnder(dir: string): string[] {
  let shards: string[];
  try {
    shards = readdirSync(dir);
  } catch {
    return [];
  }
  return shards.flatMap((s) => (statSync(join(dir, s)).isDirectory() ? readdirSync(join(dir, s)).map((f) => join(s, f)) : [s]));
}

export const minimalDossier = (over: Record<string, unknown> = {}) => ({
  names: [{ givenName: 'Fictional', familyName: 'Child' }],
  sex: 'female',
  birthDate: '2014-05-02',
  displacement: { place: 'Fictional town', date: '2022-04', kind: 'evacuated-from-front-line' },
  currentLocation: { region: 'Fictional region', placement: 'foster-family' },
  services: {},
  languages: ['uk'],
  ...over,
});

export const minimalRequest = (over: Record<string, unknown> = {}) => ({
  sought: { names: [{ givenName: 'Fictional', familyName: 'Child' }], sex: 'female', birthDate: '2014-05-02', displacement: { place: 'Fictional town', date: '2022-04', kind: 'evacuated-from-front-line' } },
  requester: { name: 'Fictional Parent', relationship: 'mother', contact: { phone: '+380000000000' } },
  ...over,
});

export async function createDossier(client: Client): Promise<string> {
  const res = await client.post('/api/v1/dossiers', minimalDossier());
  if (res.statusCode !== 201) throw new Error(`dossier: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

export async function createRequest(client: Client): Promise<string> {
  const res = await client.post('/api/v1/requests', minimalRequest());
  if (res.statusCode !== 201) throw new Error(`request: ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}

export function upload(client: Client, url: string, bytes: Buffer, contentType = 'application/octet-stream') {
  return client.request({ method: 'POST', url, payload: bytes, headers: { 'content-type': contentType } });
}

export async function countRows(t: TestApp, table: 'media_file' | 'media_blob'): Promise<number> {
  const r = await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
