import type { DossierInput, TracingRequestInput } from '@homeward/contracts';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';
import { requirePartyByCode } from '../parties/parties.service.ts';
import { dossierCsvColumns, dossierToCsv, requestCsvColumns, requestToCsv } from './csv-mapping.ts';
import { exportRecords } from './export.service.ts';
import { writePfif } from './pfif-writer.ts';
import { csvTemplate } from './template.ts';
import { writeWorkbook } from './xlsx-writer.ts';
import type { RecordKind } from './import.service.ts';

export type ExportFormat = 'jsonl' | 'csv' | 'xlsx' | 'pfif';

/**
 * Who made an export and until when it is valid, written inside the file so a copy found later
 * can be traced to its export. Ids, a party code and times only: never personal data.
 */
export interface ExportWatermark {
  exportId: string;
  userId: string;
  partyCode: string;
  createdAt: string;
  expiresAt: string;
}

export interface WrittenExport {
  bytes: Buffer;
  recordIds: string[];
  count: number;
  contentType: string;
  extension: string;
}

type Item = { id: string; input: (DossierInput | TracingRequestInput) & { sourceId: string } };

/** The CSV comment line the importer skips; `#` cannot begin a source id in the template. */
export const CSV_WATERMARK_PREFIX = '# Homeward export';

export function csvWatermarkLine(w: ExportWatermark): string {
  return `${CSV_WATERMARK_PREFIX} ${w.exportId} party=${w.partyCode} user=${w.userId} created=${w.createdAt} expires=${w.expiresAt}`;
}

export const csvColumnsFor = (kind: RecordKind) => (kind === 'dossiers' ? dossierCsvColumns : requestCsvColumns);
export const csvRowFor = (kind: RecordKind, input: Item['input']) =>
  kind === 'dossiers' ? dossierToCsv(input as DossierInput & { sourceId: string }) : requestToCsv(input as TracingRequestInput & { sourceId: string });

function writeJsonl(items: Item[], w: ExportWatermark): Buffer {
  const lines = [JSON.stringify({ _export: w }), ...items.map((i) => JSON.stringify(i.input))];
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

function writeCsv(kind: RecordKind, items: Item[], w: ExportWatermark): Buffer {
  const body = stringify(
    items.map((i) => csvRowFor(kind, i.input)),
    { header: true, columns: [...csvColumnsFor(kind)] },
  );
  return Buffer.from(`${csvWatermarkLine(w)}\n${body}`, 'utf8');
}

/**
 * Writes one export in memory, watermarked, through the same sharing gate as `exportFile`
 * (`exportRecords`). It does not audit: the caller records the export with `recordIds`.
 * `partyCode` limits the export to one party's records; without it, everything the actor may export.
 * PFIF record ids use `pfifDomain` (default HOMEWARD_PFIF_DOMAIN); docs/IMPORT.md has every format.
 *
 * @example const { bytes } = await writeExport(db, actor, { kind: 'dossiers', format: 'xlsx', partyCode: 'UA-NIB', watermark })
 */
export async function writeExport(
  db: Kysely<DB>,
  actor: Actor,
  opts: { kind: RecordKind; format: ExportFormat; partyCode?: string; watermark: ExportWatermark; pfifDomain?: string },
): Promise<WrittenExport> {
  const partyId = opts.partyCode ? (await requirePartyByCode(db, opts.partyCode)).id : undefined;
  const items: Item[] = [];
  for await (const item of exportRecords(db, actor, { kind: opts.kind, partyId })) items.push(item);
  const recordIds = items.map((i) => i.id);
  const done = (bytes: Buffer, contentType: string, extension: string): WrittenExport => ({ bytes, recordIds, count: items.length, contentType, extension });
  switch (opts.format) {
    case 'jsonl':
      return done(writeJsonl(items, opts.watermark), 'application/x-ndjson', 'jsonl');
    case 'csv':
      return done(writeCsv(opts.kind, items, opts.watermark), 'text/csv; charset=utf-8', 'csv');
    case 'xlsx':
      return done(await writeWorkbook(opts.kind, items.map((i) => csvRowFor(opts.kind, i.input)), opts.watermark), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx');
    case 'pfif':
      return done(writePfif(opts.kind, items.map((i) => i.input), opts.watermark, opts.pfifDomain), 'application/xml; charset=utf-8', 'xml');
  }
}

/** The empty import template: a CSV header row, or a workbook with a Help sheet and drop-downs. */
export async function writeTemplate(kind: RecordKind, format: 'xlsx' | 'csv'): Promise<Buffer> {
  return format === 'csv' ? csvTemplate(kind) : writeWorkbook(kind, []);
}
