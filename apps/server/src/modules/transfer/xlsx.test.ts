import { dossierInput, tracingRequestInput } from '@homeward/contracts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { dossierFromCsv, dossierToCsv, requestFromCsv, requestToCsv } from './csv-mapping.ts';
import { writeTemplate } from './writers.ts';
import { dateFromSerial, readWorkbook, unpackedSize, type SheetRow } from './xlsx-reader.ts';
import { writeWorkbook } from './xlsx-writer.ts';

const watermark = { exportId: 'exp-1', userId: 'user-1', partyCode: 'RU-T', createdAt: '2026-06-01T10:00:00Z', expiresAt: '2026-06-08T10:00:00Z' };

const dossier = dossierInput.parse({
  sourceId: 'X-1',
  names: [
    { givenName: 'Александр', familyName: 'Смирнов', patronymic: 'Сергеевич' },
    { givenName: 'Олександр', familyName: 'Коваленко', kind: 'former' },
  ],
  sex: 'male',
  birthDate: '2012-03',
  birthPlace: 'Мариуполь',
  displacement: { place: 'Мариуполь', date: '2022-04-15', kind: 'evacuated-from-front-line' },
  currentLocation: { region: 'Fictional region', placement: 'adoptive-family' },
  languages: ['uk', 'ru'],
  services: { medical: { receiving: true, summary: 'asthma follow-up' } },
});

/** A workbook built cell by cell, as a person's spreadsheet would be. */
async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const sheet = (wb: ExcelJS.Workbook, name: string, rows: unknown[][]) => {
  const ws = wb.addWorksheet(name);
  for (const r of rows) ws.addRow(r);
  return ws;
};
const records = (rows: SheetRow[]) => rows.flatMap((r): Array<Record<string, string | number>> => ('record' in r ? [{ line: r.line, ...r.record }] : []));
const problems = (rows: SheetRow[]) => rows.flatMap((r) => ('code' in r ? [[r.line, r.code, r.issues.map((i) => i.path)]] : []));
const refusal = async (p: Promise<unknown>) => {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

describe('XLSX template and round trip', () => {
  it('round-trips dossiers and requests: export → import gives the same records', async () => {
    const request = tracingRequestInput.parse({
      sourceId: 'R-1',
      sought: { names: [{ givenName: 'Анна', familyName: 'Шевченко' }], sex: 'female', birthDate: '2014-11-02', lastKnownPlace: 'Херсон' },
      requester: { name: 'Fictional Mother', relationship: 'mother', contact: { phone: '+380 44 000 0000' } },
      filedOn: '2026-05-01',
    });
    const d = await readWorkbook(await writeWorkbook('dossiers', [dossierToCsv(dossier as never)], watermark), 'dossiers');
    expect(d.sheet).toBe('dossiers');
    expect(d.notes).toEqual([]); // Help and "About this export" are not data sheets
    expect(dossierInput.parse(dossierFromCsv(d.rows[0] && 'record' in d.rows[0] ? d.rows[0].record : {}))).toEqual(dossier);
    const r = await readWorkbook(await writeWorkbook('requests', [requestToCsv(request as never)]), 'requests');
    expect(tracingRequestInput.parse(requestFromCsv((r.rows[0] as { record: Record<string, string> }).record))).toEqual(request);
  });

  it('writes an empty template with a Help sheet listing allowed values, and drop-downs', async () => {
    const bytes = await writeTemplate('requests', 'xlsx');
    expect((await readWorkbook(bytes, 'requests')).rows).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['requests', 'Help']);
    const help = wb.getWorksheet('Help')!;
    const rel = help.getColumn(1).values.indexOf('requester_relationship');
    expect(String(help.getRow(rel).getCell(3).value)).toContain('legal-guardian');
    const sexColumn = (wb.getWorksheet('requests')!.getRow(1).values as unknown[]).indexOf('sex');
    expect(wb.getWorksheet('requests')!.getCell(2, sexColumn).dataValidation).toMatchObject({ type: 'list', formulae: ['"female,male,unknown"'] });
    expect((await writeTemplate('dossiers', 'csv')).toString()).toMatch(/^source_id,given_name,.*services_notes\n$/);
  });

  it('watermarks an export in its properties, header and footer and an About sheet, without personal data', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbook('dossiers', [dossierToCsv(dossier as never)], watermark)) as unknown as ArrayBuffer);
    expect(wb.description).toContain('exp-1');
    expect(wb.getWorksheet('dossiers')!.headerFooter.oddHeader).toContain('exp-1');
    const about = wb.getWorksheet('About this export')!;
    const text = JSON.stringify(about.getSheetValues());
    expect(text).toContain('2026-06-08T10:00:00Z');
    expect(text + wb.description + wb.title).not.toMatch(/Смирнов|Александр/);
  });
});

describe('reading spreadsheets people made', () => {
  const header = ['source_id', 'given_name', 'family_name', 'birth_date', 'displacement_date'];

  it('converts date cells and serials to YYYY-MM-DD, keeps text dates as typed, and numbers 1000–9999 as years', async () => {
    const bytes = await workbook((wb) => {
      const ws = sheet(wb, 'dossiers', [header, ['A', 'Anna', 'One', new Date(Date.UTC(2013, 4, 1)), 44666], ['B', 'Bohdan', 'Two', '2012-03', 2022], ['C', 'Clara', 'Three', 41000, '2022']]);
      ws.getCell('E2').numFmt = '0'; // a serial shown as a plain number is still a serial in a date column
    });
    const { rows } = await readWorkbook(bytes, 'dossiers');
    expect(records(rows).map((r) => [r.birth_date, r.displacement_date])).toEqual([
      ['2013-05-01', '2022-04-15'],
      ['2012-03', '2022'],
      ['2012-04-01', '2022'],
    ]);
    expect(dateFromSerial(39538, true)).toBe('2012-04-01'); // the 1904 date system
    expect(dateFromSerial(-3, false)).toBeUndefined();
  });

  it('reports rows covered by merged cells and reads the others', async () => {
    const bytes = await workbook((wb) => {
      const ws = sheet(wb, 'dossiers', [header, ['A', 'Anna', 'Same', '2013'], ['B', 'Bohdan', 'Same', '2012'], ['C', 'Clara', 'Other', '2011'], ['D', 'Dana', 'Fourth', '2010']]);
      ws.mergeCells('C3:C4');
    });
    const { rows } = await readWorkbook(bytes, 'dossiers');
    expect(problems(rows)).toEqual([
      [3, 'MERGED_CELLS', ['C3:C4']],
      [4, 'MERGED_CELLS', ['C3:C4']],
    ]);
    expect(records(rows).map((r) => r.source_id)).toEqual(['A', 'D']);
  });

  it("uses a formula's saved value, and refuses a row whose formula has none or holds an error; never evaluates", async () => {
    const bytes = await workbook((wb) =>
      sheet(wb, 'dossiers', [
        header,
        ['A', { formula: 'PROPER("anna")', result: 'Anna' }, 'One', { formula: 'DATE(2013,5,1)', result: new Date(Date.UTC(2013, 4, 1)) }],
        ['B', { formula: 'PROPER("bohdan")' }, 'Two', '2012'],
        ['C', 'Clara', { formula: '1/0', result: { error: '#DIV/0!' } }, '2011'],
      ]),
    );
    const { rows } = await readWorkbook(bytes, 'dossiers');
    expect(records(rows)).toEqual([expect.objectContaining({ line: 2, given_name: 'Anna', birth_date: '2013-05-01' })]);
    expect(problems(rows)).toEqual([
      [3, 'FORMULA_WITHOUT_VALUE', ['given_name']],
      [4, 'CELL_ERROR', ['family_name']],
    ]);
  });

  it('refuses the whole file when columns are unknown, missing, repeated or without a header, naming them by position', async () => {
    const misspelt = await workbook((wb) => sheet(wb, 'dossiers', [['source_id', 'givenname', 'family_name'], ['A', 'Анна', 'Фамилия']]));
    const err = await refusal(readWorkbook(misspelt, 'dossiers'));
    expect(err.code).toBe('IMPORT_COLUMNS_INVALID');
    expect(err.details).toMatchObject({ unknownColumns: ['B'], missing: ['given_name'] });
    expect(err.message).toContain('source_id, given_name, family_name');
    expect(JSON.stringify({ m: err.message, i: err.issues, d: err.details })).not.toContain('givenname');

    const headless = await workbook((wb) => sheet(wb, 'dossiers', [['source_id', 'given_name', 'given_name'], ['A', 'Anna', 'x', 'stray']]));
    const e2 = await refusal(readWorkbook(headless, 'dossiers'));
    expect(e2.issues).toEqual([
      { path: 'column D', message: 'has no header' },
      { path: 'given_name', message: 'appears more than once' },
    ]);
  });

  it('imports the sheet named for the kind, else the first with data, and says which', async () => {
    const two = await workbook((wb) => {
      sheet(wb, 'Notes', [['anything']]);
      sheet(wb, 'Dossiers', [header, ['A', 'Anna']]);
    });
    const named = await readWorkbook(two, 'dossiers');
    expect(named.sheet).toBe('Dossiers');
    expect(named.notes).toEqual(['The workbook has 2 sheets with data ("Notes", "Dossiers"); only "Dossiers" was imported, the sheet named dossiers.']);
    const first = await readWorkbook(await workbook((wb) => (sheet(wb, 'Empty', []), sheet(wb, 'Лист1', [header, ['A', 'Anna']]), sheet(wb, 'Лист2', [header]))), 'dossiers');
    expect(first).toMatchObject({ sheet: 'Лист1', notes: [expect.stringContaining('the first one')] });
  });

  it('refuses what is not a workbook, an empty workbook, and a ZIP that unpacks too large', async () => {
    expect((await refusal(readWorkbook(Buffer.from('source_id,given_name\n'), 'dossiers'))).code).toBe('IMPORT_FILE_UNREADABLE');
    expect((await refusal(readWorkbook(await workbook((wb) => sheet(wb, 'dossiers', [])), 'dossiers'))).code).toBe('IMPORT_NO_DATA');
    const bytes = await writeTemplate('dossiers', 'xlsx');
    expect(unpackedSize(bytes)).toBeGreaterThan(bytes.length);
    // Declare one entry as 4 GiB unpacked: refused before anything is unpacked.
    const forged = Buffer.from(bytes);
    const central = forged.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    forged.writeUInt32LE(0xfffffffe, central + 24);
    expect((await refusal(readWorkbook(forged, 'dossiers'))).message).toContain('unpacks to more than');
  });
});
