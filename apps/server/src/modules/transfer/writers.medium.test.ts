import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-db.ts';
import { fixedClock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../auth/actor.ts';
import { createParty } from '../parties/parties.service.ts';
import { importBytes, importFile, type FileFormat, type RecordKind } from './import.service.ts';
import { writeExport, type ExportFormat } from './writers.ts';

let database: Database;
const clock = fixedClock('2026-06-01T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'hw-writers-'));
const parties = {} as Record<'mine' | 'other' | 'copy', { id: string; code: string }>;
const watermark = { exportId: 'a8c3c0de-0000-4000-8000-000000000001', userId: 'b8c3c0de-0000-4000-8000-000000000002', partyCode: 'UA-W', createdAt: '2026-06-01T10:00:00Z', expiresAt: '2026-06-08T10:00:00Z' };
const domain = 'homeward.example.org';

const child = (i: number, over: Record<string, unknown> = {}) => ({
  sourceId: `W-${i}`,
  names: [{ givenName: 'Марія', familyName: `Прізвище${i}`, patronymic: 'Іванівна' }, { givenName: 'Мария', familyName: `Фамилия${i}`, kind: 'former' }],
  sex: 'female',
  birthDate: i % 2 ? '2013-05-01' : '2012-02',
  displacement: { place: 'Маріуполь', date: '2022-04', kind: 'crossed-border' },
  currentLocation: { region: 'Fictional region', placement: 'foster-family', address: 'Fictional street 5' },
  biography: 'Fictional, "quoted", with a comma and\na second line.',
  languages: ['uk'],
  services: { medical: { receiving: true, summary: 'Fictional summary' } },
  ...over,
});
const request = (i: number) => ({
  sourceId: `WR-${i}`,
  sought: { names: [{ givenName: 'Іван', familyName: `Шукаємий${i}` }], sex: 'male', birthDate: '2011', lastKnownPlace: 'Херсон' },
  requester: { name: 'Fictional Grandmother', relationship: 'grandparent', contact: { phone: '+380 44 222 2222', email: 'gran@example.invalid' } },
  filedOn: '2026-05-20',
});

async function load(party: { id: string }, kind: RecordKind, lines: unknown[]) {
  const file = join(dir, `${party.id}-${kind}.jsonl`);
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
  const s = await importFile(database.db, clock, file, { kind, format: 'jsonl', partyId: party.id, actor: systemActor(party.id) });
  expect(s.rejected).toEqual([]);
}
const reimport = (party: { id: string }, kind: RecordKind, format: FileFormat, bytes: Buffer) =>
  importBytes(database.db, clock, bytes, { kind, format, partyId: party.id, actor: systemActor(party.id), pfifDomain: domain });
const snapshot = async (table: 'dossier' | 'tracing_request', partyId: string) =>
  (await database.db.selectFrom(table).selectAll().where('party_id', '=', partyId).orderBy('id').execute()).map((r) => ({ ...r, updated_at: undefined, version: undefined, change_seq: undefined }));

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [key, code, kind] of [['mine', 'UA-W', 'home-country-authority'], ['other', 'RU-W', 'holding-country-authority'], ['copy', 'ICRC-W', 'humanitarian-organisation']] as const) {
    parties[key] = { id: (await createParty(database.db, systemActor(), { code, name: `Party ${code}`, kind })).id, code };
  }
  await load(parties.mine, 'dossiers', [child(1), child(2), child(3, { names: [{ givenName: 'O’Brien & <Sons>', familyName: 'Test' }] })]);
  await load(parties.mine, 'requests', [request(1), request(2)]);
  await load(parties.other, 'dossiers', [child(9)]);
  await load(parties.other, 'requests', [request(9)]);
});
afterAll(() => database.close());

describe('writeExport', () => {
  it.each(['jsonl', 'csv', 'xlsx'] as const)('round-trips %s: the watermarked export re-imports onto the same records, changing nothing', async (format) => {
    for (const [kind, table, n] of [['dossiers', 'dossier', 3], ['requests', 'tracing_request', 2]] as const) {
      const before = await snapshot(table, parties.mine.id);
      const out = await writeExport(database.db, systemActor(parties.mine.id), { kind, format, partyCode: 'UA-W', watermark });
      expect(out.count).toBe(n);
      expect(out.recordIds.sort()).toEqual(before.map((r) => r.id).sort());
      if (format !== 'xlsx') expect(out.bytes.toString('utf8').split('\n')[0]).toContain(watermark.exportId);
      const s = await reimport(parties.mine, kind, format, out.bytes);
      expect(s).toMatchObject({ read: n, created: 0, rejected: [] });
      expect(s.updated + s.unchanged).toBe(n);
      expect(await snapshot(table, parties.mine.id)).toEqual(before);
    }
  });

  it('writes PFIF that imports into another party as the same children (what PFIF carries)', async () => {
    const out = await writeExport(database.db, systemActor(parties.mine.id), { kind: 'dossiers', format: 'pfif', partyCode: 'UA-W', watermark, pfifDomain: domain });
    expect(out).toMatchObject({ count: 3, contentType: 'application/xml; charset=utf-8', extension: 'xml' });
    const xml = out.bytes.toString('utf8');
    expect(xml).toContain(`<!-- Homeward export ${watermark.exportId}`);
    expect(xml).toContain(`<pfif:person_record_id>${domain}/W-1</pfif:person_record_id>`);
    expect(xml).not.toContain('Fictional street'); // PFIF has no field for the exact address
    const first = await reimport(parties.copy, 'dossiers', 'pfif', out.bytes);
    expect(first).toMatchObject({ created: 3, rejected: [] });
    expect(await reimport(parties.copy, 'dossiers', 'pfif', out.bytes)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const pick = (rows: Awaited<ReturnType<typeof snapshot>>) => rows.map((r) => ({ names: r.names, sex: r.sex, birth: [r.birth_date, r.birth_date_precision], place: (r as { displacement?: { place?: string } }).displacement?.place, bio: r.biography })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const mine = (await snapshot('dossier', parties.mine.id)).map((r) => ({ ...r, names: (r.names as Array<Record<string, unknown>>).map((n, i) => ({ ...n, kind: i === 0 ? 'primary' : 'other' })) }));
    expect(pick(await snapshot('dossier', parties.copy.id))).toEqual(pick(mine as never));
  });

  it("passes other parties' records through the sharing gate in every format", async () => {
    for (const format of ['jsonl', 'csv', 'xlsx', 'pfif'] as ExportFormat[]) {
      const dossiers = await writeExport(database.db, systemActor(parties.mine.id), { kind: 'dossiers', format, watermark, pfifDomain: domain });
      // The other party's dossier comes without its exact address (restricted); the copy party's too.
      expect(dossiers.count).toBe(3 + 1 + 3);
      const text = format === 'xlsx' ? '' : dossiers.bytes.toString('utf8');
      if (format !== 'xlsx') expect(text.match(/Fictional street/g)?.length ?? 0).toBe(format === 'pfif' ? 0 : 3);
      // Requests are not shared for case work: only the party's own are exported.
      const requests = await writeExport(database.db, systemActor(parties.mine.id), { kind: 'requests', format, watermark, pfifDomain: domain });
      expect(requests.count).toBe(2);
      if (format === 'pfif') expect(requests.bytes.toString('utf8')).not.toMatch(/Fictional Grandmother|\+380|gran@/);
    }
  });
});
