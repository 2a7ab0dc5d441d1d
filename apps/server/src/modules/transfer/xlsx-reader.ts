import ExcelJS from 'exceljs';
import { AppError, type ErrorIssue } from '../../errors.ts';
import type { RecordKind } from './import.service.ts';
import { checkColumns, columnLetter, dateColumns } from './template.ts';
import { ABOUT_SHEET, HELP_SHEET } from './xlsx-writer.ts';

/** One data row of the sheet as template cells, or why the row cannot be read (by sheet row number). */
export type SheetRow =
  | { line: number; record: Record<string, string> }
  | { line: number; code: 'MERGED_CELLS' | 'FORMULA_WITHOUT_VALUE' | 'CELL_ERROR'; issues: ErrorIssue[] };

export interface SheetRows {
  sheet: string;
  notes: string[];
  rows: SheetRow[];
}

const MAX_UNPACKED = 512 * 2 ** 20;

/**
 * The unpacked size a ZIP (an XLSX is one) declares in its central directory, read before
 * unpacking so that a small file that would unpack to gigabytes is refused. 0 when it is no ZIP
 * (the workbook reader then refuses it).
 */
export function unpackedSize(zip: Buffer): number {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > zip.length) return 0;
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let n = zip.readUInt16LE(end + 10); n > 0 && at + 46 <= zip.length && zip.readUInt32LE(at) === 0x02014b50; n--) {
    const size = zip.readUInt32LE(at + 24);
    total += size === 0xffffffff ? Infinity : size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

type Cell = { text: string } | { problem: 'formula' | 'error' };

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A date serial as a calendar day. Whole numbers from 1000 to 9999 are years typed into a number
 * cell (the template keeps YYYY precision); anything else positive is a day count from the
 * workbook's epoch (1900 with Excel's phantom 29 February 1900, or 1904).
 */
export function dateFromSerial(n: number, epoch1904: boolean): string | undefined {
  if (Number.isInteger(n) && n >= 1000 && n <= 9999) return String(n);
  if (!(n >= 1 && n < 2958466)) return undefined;
  const base = epoch1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, n < 61 ? 31 : 30);
  return day(new Date(base + Math.floor(n) * 86_400_000));
}

function cellOf(value: ExcelJS.CellValue, isDate: boolean, epoch1904: boolean): Cell {
  if (value === null || value === undefined) return { text: '' };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? '' : day(value) };
  if (typeof value === 'number') return { text: (isDate ? dateFromSerial(value, epoch1904) : undefined) ?? String(value) };
  if (typeof value === 'string' || typeof value === 'boolean') return { text: String(value) };
  // Formulas are never evaluated: the value Excel cached when it saved the file, or a refusal.
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return { problem: 'formula' };
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) return { problem: 'error' };
    return cellOf(result as ExcelJS.CellValue, isDate, epoch1904);
  }
  if ('error' in value) return { problem: 'error' };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('text' in value) return cellOf(value.text as ExcelJS.CellValue, isDate, epoch1904);
  return { text: '' };
}

/** Data rows covered by merged ranges (sheet row → ranges), from the sheet's `A1:B2` merge list. */
function mergedRows(ws: ExcelJS.Worksheet): Map<number, string[]> {
  const rows = new Map<number, string[]>();
  for (const range of (ws.model as { merges?: string[] }).merges ?? []) {
    const m = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(range);
    if (!m) continue;
    for (let r = Math.max(2, Number(m[1])); r <= Number(m[2]); r++) rows.set(r, [...(rows.get(r) ?? []), range]);
  }
  return rows;
}

function chooseSheet(wb: ExcelJS.Workbook, kind: RecordKind): { ws: ExcelJS.Worksheet; notes: string[] } {
  const withData = wb.worksheets.filter((ws) => ws.actualRowCount > 0 && ws.name !== HELP_SHEET && ws.name !== ABOUT_SHEET);
  const named = withData.find((ws) => ws.name.trim().toLowerCase() === kind);
  const ws = named ?? withData[0];
  if (!ws) throw new AppError('IMPORT_NO_DATA', 'The workbook has no sheet with data; nothing was imported.');
  const notes =
    withData.length > 1
      ? [`The workbook has ${withData.length} sheets with data (${withData.map((s) => `"${s.name}"`).join(', ')}); only "${ws.name}" was imported, ${named ? `the sheet named ${kind}` : 'the first one'}.`]
      : [];
  return { ws, notes };
}

/**
 * Reads the template sheet of an XLSX workbook: the sheet named for the kind (else the first with
 * data), its header checked before anything is imported. Rows with merged cells, formulas without a
 * cached value or error cells are reported by sheet row number; date cells and serials in the date
 * columns become YYYY-MM-DD, text dates are kept as typed.
 *
 * @example const { sheet, rows } = await readWorkbook(await readFile('children.xlsx'), 'dossiers')
 */
export async function readWorkbook(bytes: Buffer, kind: RecordKind): Promise<SheetRows> {
  if (unpackedSize(bytes) > MAX_UNPACKED) throw new AppError('IMPORT_FILE_UNREADABLE', `The workbook unpacks to more than ${MAX_UNPACKED / 2 ** 20} MiB; split it, or import it as CSV. Nothing was imported.`);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FILE_UNREADABLE', 'The file is not a readable XLSX workbook (Excel 2007 or later); nothing was imported.');
  }
  const { ws, notes } = chooseSheet(wb, kind);
  const epoch1904 = Boolean(wb.properties?.date1904);
  // The widest column holding any value: a value under an empty header is refused, not dropped.
  let width = 0;
  ws.eachRow((row) => row.eachCell((cell, col) => void (cell.value !== null && cell.value !== '' && (width = Math.max(width, col)))));
  const header = Array.from({ length: width }, (_, i) => {
    const c = cellOf(ws.getRow(1).getCell(i + 1).value, false, epoch1904);
    return 'text' in c ? c.text.trim() : '';
  });
  checkColumns(kind, header);

  const merged = mergedRows(ws);
  const rows: SheetRow[] = [];
  for (let line = 2; line <= ws.rowCount; line++) {
    const row = ws.getRow(line);
    if (!row.hasValues) continue;
    const ranges = merged.get(line);
    if (ranges) {
      rows.push({ line, code: 'MERGED_CELLS', issues: ranges.map((r) => ({ path: r, message: 'is a merged range: unmerge it and fill in each cell' })) });
      continue;
    }
    const record: Record<string, string> = {};
    const problems: Array<{ problem: 'formula' | 'error'; issue: ErrorIssue }> = [];
    header.forEach((name, i) => {
      const cell = cellOf(row.getCell(i + 1).value, dateColumns.has(name), epoch1904);
      if ('text' in cell) record[name] = cell.text;
      else
        problems.push({
          problem: cell.problem,
          issue: { path: name || `column ${columnLetter(i + 1)}`, message: cell.problem === 'formula' ? 'is a formula with no saved value: open and save the file in Excel, or type the value' : 'holds an error value' },
        });
    });
    if (problems.length) {
      rows.push({ line, code: problems.some((p) => p.problem === 'error') ? 'CELL_ERROR' : 'FORMULA_WITHOUT_VALUE', issues: problems.map((p) => p.issue) });
      continue;
    }
    if (Object.values(record).some((v) => v.trim())) rows.push({ line, record });
  }
  return { sheet: ws.name, notes, rows };
}
