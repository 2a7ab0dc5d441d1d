import { createHash } from 'node:crypto';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultJobSettings } from '../../jobs/job-types.ts';
import { allJobs } from '../../jobs/registry.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { systemActor } from '../auth/actor.ts';
import { decryptExport } from './exports.crypto.ts';
import { createExport, operatorHolds } from './exports.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('2026-06-01T10:00:00Z');
});
afterAll(() => t.close());

const dossier = (givenName: string) => ({ names: [{ givenName, familyName: 'Експорт' }], sex: 'female', birthDate: '2013-04', currentLocation: { placement: 'institution' }, services: {} });

async function caseworkerWithDossiers(n = 2) {
  const party = await t.party();
  const caseworker = await t.login(['caseworker'], party);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await caseworker.post('/api/v1/dossiers', dossier(`Дитина${i}`));
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  return { party, caseworker, ids };
}

const download = (c: Client, id: string) => c.get(`/api/v1/exports/${id}/file`);
const auditOf = (id: string, action: string) => t.database.db.selectFrom('audit_log').selectAll().where('record_type', '=', 'export').where('record_id', '=', id).where('action', '=', action).execute();

describe('controlled exports', () => {
  it('makes an encrypted, watermarked export audited with its record ids, which only its creator downloads', async () => {
    const { party, caseworker, ids } = await caseworkerWithDossiers();
    const res = await caseworker.post('/api/v1/exports', { kind: 'dossiers', format: 'csv', partyCode: party.code });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({ kind: 'dossiers', format: 'csv', recordCount: 2, encryption: 'passphrase', recipient: null, status: 'available', downloadCount: 0, expiresAt: '2026-06-02T10:00:00.000Z' });
    expect(made.passphrase).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){5}$/);

    // The audit entry names every record in the file; the log holds only a hash and a count.
    const [created] = await auditOf(made.id, 'export.create');
    expect(created).toMatchObject({ actor_user_id: caseworker.userId, actor_party_id: party.id });
    expect(created!.details).toMatchObject({ kind: 'dossiers', format: 'csv', count: 2, recordType: 'dossier' });
    expect(((created!.details as { ids: string[] }).ids).sort()).toEqual([...ids].sort());
    const logged = (await t.database.db.selectFrom('log_entry').select('entry').execute()).map((r) => r.entry as { subjectRef?: string; meta?: Record<string, unknown> });
    const entry = logged.find((e) => e.subjectRef === `export/${made.id}`);
    expect(entry?.meta).toMatchObject({ exportKind: 'dossiers', recordCount: 2 });
    expect(JSON.stringify(entry)).not.toContain(ids[0]);

    const file = await download(caseworker, made.id);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="homeward-export-${made.id}.csv.age"`);
    expect(entry?.meta?.ciphertextSha256).toBe(createHash('sha256').update(file.rawPayload).digest('hex'));
    const csv = (await decryptExport(file.rawPayload, { passphrase: made.passphrase })).toString('utf8');
    expect(csv.split('\n')[0]).toBe(`# Homeward export ${made.id} party=${party.code} user=${caseworker.userId} created=2026-06-01T10:00:00.000Z expires=2026-06-02T10:00:00.000Z`);
    expect(csv).toContain('Дитина0');
    expect(await auditOf(made.id, 'export.download')).toHaveLength(1);

    // Nothing readable is kept: not the plaintext, and the passphrase nowhere at all.
    const row = await t.database.db.selectFrom('data_export').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.ciphertext!).equals(file.rawPayload)).toBe(true);
    expect(Buffer.from(row.ciphertext!).includes(Buffer.from('Дитина0'))).toBe(false);
    const everything = JSON.stringify([row, await t.database.db.selectFrom('audit_log').selectAll().execute(), logged]);
    expect(everything).not.toContain(made.passphrase);

    // Another user, of the same party with the same role or of another party: as if it did not exist.
    for (const other of [await t.login(['caseworker'], party), await t.login(['administrator'])]) {
      const refused = await download(other, made.id);
      expect(refused.statusCode).toBe(404);
      expect(refused.json().code).toBe('NOT_FOUND');
      expect((await other.get('/api/v1/exports')).json().items).toEqual([]);
    }
    const mine = (await caseworker.get('/api/v1/exports')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: made.id, recordCount: 2, downloadCount: 1, firstDownloadedAt: '2026-06-01T10:00:00.000Z' });
    expect(mine[0]).not.toHaveProperty('passphrase');
  });

  it('refuses a format whose permission the user lacks (403), whatever else they hold', async () => {
    const party = await t.party();
    const attempts: Array<[string[], object]> = [
      [['caseworker'], { kind: 'dossiers', format: 'jsonl' }],
      [['caseworker'], { kind: 'requests', format: 'pfif' }],
      [['caseworker'], { kind: 'subject-access', dossierId: '0b9e6a55-7c1f-4d0e-9a57-2f4f0c1d8e21' }],
      [['auditor'], { kind: 'dossiers', format: 'csv' }],
      [['viewer'], { kind: 'report-pdf', month: '2026-05' }],
      [['verifier'], { kind: 'dossiers', format: 'csv' }],
    ];
    for (const [roles, body] of attempts) {
      const c = await t.login(roles, party);
      const res = await c.post('/api/v1/exports', body);
      expect(res.statusCode, `${roles} ${JSON.stringify(body)}`).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    expect(await t.database.db.selectFrom('data_export').select('id').where('party_id', '=', party.id).execute()).toEqual([]);
  });

  it('holds an API token to its scope: export.own alone does not make a CSV', async () => {
    const admin = await t.login(['administrator']);
    const token = (await admin.post('/api/v1/tokens', { name: 'exports', permissions: ['export.own'] })).json().token as string;
    const bearer = { authorization: `Bearer ${token}` };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/exports', headers: bearer, payload: { kind: 'dossiers', format: 'csv' } });
    expect(res.statusCode).toBe(403);
  });

  it('encrypts to the requester’s own age key when given one, and returns no passphrase', async () => {
    const { caseworker } = await caseworkerWithDossiers(1);
    const identity = await generateX25519Identity();
    const res = await caseworker.post('/api/v1/exports', { kind: 'dossiers', format: 'jsonl', recipient: await identityToRecipient(identity) });
    expect(res.statusCode).toBe(403); // a caseworker has no JSONL
    const csv = await caseworker.post('/api/v1/exports', { kind: 'dossiers', format: 'csv', recipient: await identityToRecipient(identity) });
    expect(csv.statusCode, csv.body).toBe(201);
    expect(csv.json()).toMatchObject({ encryption: 'recipient', passphrase: null, recipient: await identityToRecipient(identity) });
    const file = await download(caseworker, csv.json().id);
    const text = (await decryptExport(file.rawPayload, { identities: [identity] })).toString('utf8');
    expect(text).toContain(`# Homeward export ${csv.json().id}`);
    await expect(decryptExport(file.rawPayload, { identities: [await generateX25519Identity()] })).rejects.toThrow();

    const key = await identityToRecipient(identity);
    const wrongChecksum = key.slice(0, -1) + (key.endsWith('q') ? 'p' : 'q');
    for (const recipient of ['age1notakey', wrongChecksum]) {
      const bad = await caseworker.post('/api/v1/exports', { kind: 'dossiers', format: 'csv', recipient });
      expect(bad.statusCode, recipient).toBe(400);
      expect(bad.json().code).toBe('VALIDATION_FAILED');
    }
  });

  it('writes every record format an administrator may take, each encrypted and watermarked', async () => {
    const party = await t.party();
    const admin = await t.login(['administrator'], party);
    expect((await admin.post('/api/v1/dossiers', dossier('Формат'))).statusCode).toBe(201);
    const opened: Record<string, Buffer> = {};
    for (const format of ['jsonl', 'csv', 'xlsx', 'pfif']) {
      const res = await admin.post('/api/v1/exports', { kind: 'dossiers', format, partyCode: party.code });
      expect(res.statusCode, `${format} ${res.body}`).toBe(201);
      const file = await download(admin, res.json().id);
      expect(file.headers['content-disposition']).toContain(`homeward-export-${res.json().id}.`);
      opened[format] = await decryptExport(file.rawPayload, { passphrase: res.json().passphrase });
      if (format === 'csv' || format === 'pfif') expect(opened[format]!.toString('utf8'), format).toContain(`Homeward export ${res.json().id}`);
    }
    expect(JSON.parse(opened.jsonl!.toString('utf8').split('\n')[0]!)._export).toMatchObject({ userId: admin.userId, partyCode: party.code });
    expect(opened.xlsx!.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('refuses a life over the maximum', async () => {
    const { caseworker } = await caseworkerWithDossiers(1);
    const res = await caseworker.post('/api/v1/exports', { kind: 'dossiers', format: 'csv', expiresInHours: 169 });
    expect(res.statusCode).toBe(400);
  });

  it('records an operator export (homeward export) with its note, and keeps no copy of the file', async () => {
    const { party, ids } = await caseworkerWithDossiers(1);
    const deps = { db: t.database.db, clock: t.clock, secret: Buffer.alloc(32, 7) };
    const made = await createExport(deps, systemActor(party.id), operatorHolds, { kind: 'dossiers', format: 'jsonl', partyCode: party.code }, { keep: false, note: 'hand-over to the mediator' });
    const lines = (await decryptExport(made.ciphertext, { passphrase: made.passphrase! })).toString('utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)._export).toMatchObject({ exportId: made.summary.id, userId: 'homeward-operator', partyCode: party.code });
    expect(lines).toHaveLength(2);
    const row = await t.database.db.selectFrom('data_export').selectAll().where('id', '=', made.summary.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: null, party_id: party.id, note: 'hand-over to the mediator', ciphertext: null });
    const [created] = await auditOf(made.summary.id, 'export.create');
    expect(created).toMatchObject({ actor_user_id: null, reason: 'hand-over to the mediator' });
    expect(created!.details).toMatchObject({ ids });
  });

  // Last: it moves the clock.
  it('answers 410 from the expiry instant, and the job then deletes the ciphertext', async () => {
    const { caseworker } = await caseworkerWithDossiers(1);
    const made = (await caseworker.post('/api/v1/exports', { kind: 'dossiers', format: 'csv', expiresInHours: 1 })).json();
    t.clock.advance(59 * 60_000);
    expect((await download(caseworker, made.id)).statusCode).toBe(200);
    t.clock.advance(60_000);
    const gone = await download(caseworker, made.id);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('EXPORT_EXPIRED');
    expect((await caseworker.get('/api/v1/exports')).json().items[0]).toMatchObject({ id: made.id, status: 'expired' });

    const held = () => t.database.db.selectFrom('data_export').select(['ciphertext', 'deleted_at']).where('id', '=', made.id).executeTakeFirstOrThrow();
    expect((await held()).ciphertext).not.toBeNull();
    const job = allJobs.find((j) => j.name === 'exports.expire')!;
    await job.handler({ db: t.database.db, clock: t.clock, secret: Buffer.alloc(32, 7), settings: defaultJobSettings }, {});
    expect(await held()).toEqual({ ciphertext: null, deleted_at: t.clock.now() });
    expect(await auditOf(made.id, 'export.expire')).toHaveLength(1);
    expect((await download(caseworker, made.id)).statusCode).toBe(410);
  });
});
