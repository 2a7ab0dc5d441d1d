import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let caseworker: Client;
let viewer: Client;

beforeAll(async () => {
  t = await createTestApp();
  const party = await t.party();
  caseworker = await t.login(['caseworker'], party);
  viewer = await t.login(['viewer'], party);
});
afterAll(() => t.close());

const upload = (client: Client, query: string, body: Buffer | string, type = 'application/octet-stream') =>
  client.request({ method: 'POST', url: `/api/v1/imports?${query}`, payload: Buffer.from(body), headers: { 'content-type': type } });
const count = async (table: 'dossier' | 'tracing_request') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('party_id', '=', caseworker.partyId).executeTakeFirstOrThrow()).n);

const csv = [
  'source_id,given_name,family_name,sex,birth_date,current_placement',
  'API-1,Олена,Коваль,female,2013-05-01,foster-family',
  'API-2,Петро,Коваль,male,2012-02-30,institution',
  'API-3,Софія,Коваль,female,2014,unknown',
  'API-4,Тарас,Коваль,male,2011,on-the-moon',
].join('\n');

describe('POST /api/v1/imports', () => {
  it('imports good rows, reports bad ones by line, code and field path (never values), and a second import changes nothing', async () => {
    const first = await upload(caseworker, 'kind=dossiers&format=csv', csv, 'text/csv');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ read: 4, created: 2, updated: 0 });
    expect(first.json().rejected.map((r: { line: number; code: string; issues: Array<{ path: string }> }) => [r.line, r.code, r.issues.map((i) => i.path)])).toEqual([
      [3, 'VALIDATION_FAILED', ['birthDate']],
      [5, 'VALIDATION_FAILED', ['currentLocation.placement']],
    ]);
    expect(first.body).not.toMatch(/Коваль|Петро|on-the-moon|2012-02-30/);
    // The same rows again write nothing: not even a new version or audit entry.
    const content = () => t.database.db.selectFrom('dossier').select(['id', 'version', 'updated_at', 'names', 'sex', 'birth_date', 'birth_date_precision', 'current_placement']).where('party_id', '=', caseworker.partyId).orderBy('id').execute();
    const rows = await content();
    const second = await upload(caseworker, 'kind=dossiers&format=csv', csv, 'text/csv');
    expect(second.json()).toMatchObject({ read: 4, created: 0, updated: 0, unchanged: 2 });
    expect(await content()).toEqual(rows);
  });

  it('imports an XLSX sheet, naming the sheet and reporting merged rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('requests');
    ws.addRow(['source_id', 'given_name', 'family_name', 'birth_date', 'requester_name', 'requester_relationship', 'filed_on']);
    ws.addRow(['APR-1', 'Іван', 'Мельник', new Date(Date.UTC(2012, 0, 9)), 'Fictional Mother', 'mother', 46000]);
    ws.addRow(['APR-2', 'Ганна', 'Мельник', '2013', 'Fictional Father', 'father', '2026-05-01']);
    ws.addRow(['APR-3', 'Олег', 'Мельник', '2014', 'Fictional Father', 'father', '2026-05-01']);
    ws.mergeCells('E3:E4');
    const res = await upload(caseworker, 'kind=requests&format=xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sheet: 'requests', read: 3, created: 1, rejected: [{ line: 3, code: 'MERGED_CELLS' }, { line: 4, code: 'MERGED_CELLS' }] });
    const saved = await t.database.db.selectFrom('tracing_request').select(['birth_date', 'filed_on']).where('party_id', '=', caseworker.partyId).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ birth_date: '2012-01-09', filed_on: '2025-12-09' });
  });

  it('refuses a whole file with wrong columns, malformed or DTD-bearing XML, before importing anything', async () => {
    const before = await count('dossier');
    const wrong = await upload(caseworker, 'kind=dossiers&format=csv', 'source_id,given_name,familyname\nX-1,Анна,Іваненко\n');
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'IMPORT_COLUMNS_INVALID', details: { unknownColumns: ['C'] } });
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person><pfif:person_record_id>e.org/1</pfif:person_record_id><pfif:full_name>&e;</pfif:full_name></pfif:person></pfif:pfif>`;
    expect((await upload(caseworker, 'kind=dossiers&format=pfif', xxe, 'application/xml')).json().code).toBe('IMPORT_XML_DTD_REFUSED');
    expect((await upload(caseworker, 'kind=dossiers&format=pfif', '<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>', 'application/xml')).json().code).toBe('IMPORT_XML_MALFORMED');
    expect((await upload(caseworker, 'kind=dossiers&format=xlsx', 'not a workbook')).json().code).toBe('IMPORT_FILE_UNREADABLE');
    expect(await count('dossier')).toBe(before);
  });

  it('imports PFIF persons idempotently by person_record_id, skipping notes with a reason', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">
  <pfif:person>
    <pfif:person_record_id>example.org/p.1</pfif:person_record_id>
    <pfif:full_name>Nadia Ivanivna Shevchuk</pfif:full_name>
    <pfif:given_name>Nadia</pfif:given_name>
    <pfif:family_name>Shevchuk</pfif:family_name>
    <pfif:date_of_birth>2013-07</pfif:date_of_birth>
    <pfif:note><pfif:note_record_id>example.org/n.1</pfif:note_record_id><pfif:text>x</pfif:text></pfif:note>
  </pfif:person>
</pfif:pfif>`;
    const first = await upload(caseworker, 'kind=dossiers&format=pfif', xml, 'application/xml');
    expect(first.json()).toMatchObject({ read: 1, created: 1, rejected: [{ line: 9, code: 'SKIPPED' }] });
    expect((await upload(caseworker, 'kind=dossiers&format=pfif', xml, 'application/xml')).json()).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('refuses rows that refer to files, an empty body, a body over the limit, and callers without data.import', async () => {
    const jsonl = JSON.stringify({ sourceId: 'F-1', names: [{ givenName: 'Anna' }], media: [{ file: 'a.jpg' }] });
    expect((await upload(caseworker, 'kind=dossiers&format=jsonl', jsonl)).json()).toMatchObject({ created: 0, rejected: [{ line: 1, issues: [{ path: 'media' }] }] });
    expect((await upload(caseworker, 'kind=dossiers&format=jsonl', '')).json().code).toBe('EMPTY_FILE');
    expect((await upload(caseworker, 'kind=dossiers&format=jsonl', Buffer.alloc(20 * 1024 * 1024 + 1, 32))).statusCode).toBe(413);
    expect((await upload(viewer, 'kind=dossiers&format=csv', csv)).statusCode).toBe(403);
  });
});

describe('GET /api/v1/imports/template', () => {
  it('returns the XLSX and CSV templates', async () => {
    const xlsx = await caseworker.get('/api/v1/imports/template?kind=dossiers&format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('homeward-dossiers-template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['dossiers', 'Help']);
    const csvTemplate = await caseworker.get('/api/v1/imports/template?kind=requests&format=csv');
    expect(csvTemplate.body).toMatch(/^source_id,.*,filed_on\n$/);
  });
});
