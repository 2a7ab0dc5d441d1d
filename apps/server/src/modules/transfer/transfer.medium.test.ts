import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-db.ts';
import { fixedClock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../auth/actor.ts';
import { createParty } from '../parties/parties.service.ts';
import { exportFile } from './export.service.ts';
import { importFile } from './import.service.ts';

let database: Database;
let partyId: string;
const clock = fixedClock('2026-06-01T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'hw-transfer-'));

beforeAll(async () => {
  database = await createTestDatabase();
  partyId = (await createParty(database.db, systemActor(), { code: 'RU-T', name: 'Holder', kind: 'holding-country-authority' })).id;
});
afterAll(() => database.close());

const row = (i: number, over: Record<string, unknown> = {}) => ({
  sourceId: `S-${i}`,
  names: [{ givenName: 'Анна', familyName: `Фамилия${i}` }],
  sex: 'female',
  birthDate: '2013-05-01',
  ...over,
});
const count = async () => Number((await database.db.selectFrom('dossier').select((eb) => eb.fn.countAll().as('n')).where('party_id', '=', partyId).executeTakeFirstOrThrow()).n);
const run = (file: string, extra: Partial<Parameters<typeof importFile>[3]> = {}) =>
  importFile(database.db, clock, file, { kind: 'dossiers', format: file.endsWith('.csv') ? 'csv' : 'jsonl', partyId, actor: systemActor(partyId), batchSize: 2, ...extra });

describe('import', () => {
  it('imports valid rows, reports bad ones by line, and is idempotent', async () => {
    const file = join(dir, 'a.jsonl');
    const lines = [
      JSON.stringify(row(1)),
      '{"broken": ',
      JSON.stringify(row(2, { birthDate: '2012-02-30' })),
      JSON.stringify(row(3, { sourceId: undefined })),
      '',
      JSON.stringify(row(4, { birthDate: '2030-01-01' })),
      JSON.stringify(row(5)),
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    const first = await run(file);
    expect(first.created).toBe(2);
    expect(first.rejected.map((r) => [r.line, r.code, r.issues[0]!.path])).toEqual([
      [2, 'INVALID_JSON', ''],
      [3, 'VALIDATION_FAILED', 'birthDate'],
      [4, 'VALIDATION_FAILED', 'sourceId'],
      [6, 'VALIDATION_FAILED', 'birthDate'],
    ]);
    expect(JSON.stringify(first.rejected)).not.toContain('Фамилия');
    const second = await run(file);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await count()).toBe(2);
  });

  it('treats a repeated source id in one file as an update, not a duplicate', async () => {
    const file = join(dir, 'dup.jsonl');
    writeFileSync(file, [row(10), row(10, { birthPlace: 'Жданов' }), row(11)].map((r) => JSON.stringify(r)).join('\n'));
    const before = await count();
    const s = await run(file, { batchSize: 10 });
    expect(s).toMatchObject({ created: 2, updated: 1 });
    expect(await count()).toBe(before + 2);
  });

  it('leaves whole batches when interrupted, and a re-run completes without duplicates', async () => {
    const file = join(dir, 'big.jsonl');
    writeFileSync(file, Array.from({ length: 9 }, (_, i) => JSON.stringify(row(100 + i))).join('\n'));
    const before = await count();
    let batches = 0;
    await expect(
      run(file, {
        batchSize: 4,
        onBatch: () => {
          if (++batches === 1) throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(await count()).toBe(before + 4);
    const rerun = await run(file, { batchSize: 4 });
    expect(rerun).toMatchObject({ created: 5, updated: 0, unchanged: 4 });
    expect(await count()).toBe(before + 9);
  });

  it('imports the CSV template, including other names', async () => {
    const file = join(dir, 'c.csv');
    writeFileSync(
      file,
      'source_id,given_name,family_name,patronymic,other_names,sex,birth_date,birth_place,current_placement,languages,services_medical\n' +
        'C-1,Александр,Смирнов,Сергеевич,former|Олексій|Коваленко|,male,2012-03,Мариуполь,adoptive-family,"uk,ru",asthma follow-up\n' +
        'C-2,,Nobody,,,male,2012,,,,\n',
    );
    const s = await run(file);
    expect(s.created).toBe(1);
    expect(s.rejected).toEqual([{ line: 3, code: 'VALIDATION_FAILED', issues: [{ path: 'names.0.givenName', message: expect.any(String) }] }]);
    const d = await database.db.selectFrom('dossier').selectAll().where('name_search', 'like', '%smirnov%').executeTakeFirstOrThrow();
    expect(d.names).toEqual([
      { givenName: 'Александр', familyName: 'Смирнов', patronymic: 'Сергеевич', kind: 'primary', script: 'ru-Cyrl' },
      { givenName: 'Олексій', familyName: 'Коваленко', kind: 'former', script: 'uk-Cyrl' },
    ]);
    expect(d.birth_date_precision).toBe('month');
    expect(d.services).toEqual({ medical: { receiving: true, summary: 'asthma follow-up' } });
  });
});

describe('export', () => {
  it.each(['jsonl', 'csv'] as const)('round-trips through %s: re-importing an export changes nothing', async (format) => {
    const file = join(dir, `export.${format}`);
    const before = await count();
    const e = await exportFile(database.db, systemActor(partyId), file, { kind: 'dossiers', format, partyId });
    expect(e.written).toBe(before);
    const s = await run(file, { batchSize: 100 });
    expect(s.rejected).toEqual([]);
    expect(s.created).toBe(0);
    expect(s.updated + s.unchanged).toBe(before);
    expect(await count()).toBe(before);
    const content = readFileSync(file, 'utf8');
    expect(content).toContain('Смирнов');
  });

  it('audits an export with the ids it contains', async () => {
    const file = join(dir, 'audited.jsonl');
    const e = await exportFile(database.db, systemActor(partyId), file, { kind: 'dossiers', format: 'jsonl', partyId });
    const a = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'dossier.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((a.details as { ids: string[] }).ids).toHaveLength(e.written);
  });
});
