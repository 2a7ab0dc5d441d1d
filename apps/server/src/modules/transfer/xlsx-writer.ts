import ExcelJS from 'exceljs';
import type { RecordKind } from './import.service.ts';
import { columnHelp, templateColumns } from './template.ts';
import type { ExportWatermark } from './writers.ts';

export const HELP_SHEET = 'Help';
export const ABOUT_SHEET = 'About this export';
const TEMPLATE_ROWS = 1000;

function addHelpSheet(wb: ExcelJS.Workbook, kind: RecordKind) {
  const ws = wb.addWorksheet(HELP_SHEET);
  ws.columns = [
    { header: 'Column', key: 'column', width: 24 },
    { header: 'What it takes', key: 'help', width: 80 },
    { header: 'Allowed values', key: 'values', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const column of templateColumns(kind)) {
    const h = columnHelp[column];
    ws.addRow({ column, help: h?.help ?? '', values: h?.values?.join(', ') ?? '' });
  }
  ws.addRow({});
  ws.addRow({ column: 'Rules', help: `One record per row under the header row of the "${kind}" sheet. Do not merge cells, and type values rather than formulas (a formula's saved value is used). Rows are validated one by one; see docs/IMPORT.md.` });
}

function watermarkText(w: ExportWatermark) {
  return `Homeward export ${w.exportId}, party ${w.partyCode}, user ${w.userId}, created ${w.createdAt}, expires ${w.expiresAt}`;
}

function addWatermark(wb: ExcelJS.Workbook, w: ExportWatermark) {
  wb.title = `Homeward export ${w.exportId}`;
  wb.subject = 'Homeward export';
  wb.keywords = `homeward-export ${w.exportId}`;
  wb.description = watermarkText(w);
  wb.company = w.partyCode;
  const about = wb.addWorksheet(ABOUT_SHEET);
  about.columns = [
    { header: 'Field', key: 'k', width: 18 },
    { header: 'Value', key: 'v', width: 48 },
  ];
  about.getRow(1).font = { bold: true };
  for (const [k, v] of [['Export id', w.exportId], ['Party', w.partyCode], ['User id', w.userId], ['Created', w.createdAt], ['Expires', w.expiresAt]] as const) about.addRow({ k, v });
  about.addRow({});
  about.addRow({ k: 'Note', v: 'This file holds personal data about children. Keep it only until it expires; each copy can be traced to this export.' });
  for (const ws of wb.worksheets) {
    ws.headerFooter.oddHeader = `&LHomeward export ${w.exportId}&RParty ${w.partyCode}`;
    ws.headerFooter.oddFooter = `&LExpires ${w.expiresAt}&RPage &P of &N`;
  }
}

/**
 * A workbook in the import template: the kind's sheet (header row, every cell text so dates keep
 * their precision), a Help sheet, and when watermarked an "About this export" sheet, header and
 * footer and document properties. An empty `rows` gives the blank template, with drop-downs.
 */
export async function writeWorkbook(kind: RecordKind, rows: ReadonlyArray<Record<string, string | undefined>>, watermark?: ExportWatermark): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Homeward';
  const columns = templateColumns(kind);
  const ws = wb.addWorksheet(kind, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c, key: c, width: Math.max(12, c.length + 2), style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c, row[c] ?? ''])));
  if (rows.length === 0) {
    columns.forEach((c, i) => {
      const values = c === 'other_names' ? undefined : columnHelp[c]?.values;
      if (!values) return;
      for (let r = 2; r <= TEMPLATE_ROWS; r++) {
        ws.getCell(r, i + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`], showErrorMessage: true, error: `One of: ${values.join(', ')}` };
      }
    });
  }
  addHelpSheet(wb, kind);
  if (watermark) addWatermark(wb, watermark);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
