import { parse as parseCsv } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { ErrorIssue } from '../../errors.ts';
import { mediaReferencesFromCsv } from '../media/media.import.ts';
import { dossierFromCsv, requestFromCsv } from './csv-mapping.ts';
import type { FileFormat, ImportRejection, RecordKind } from './import.service.ts';
import { readPfif } from './pfif-reader.ts';
import { checkColumns } from './template.ts';
import { CSV_WATERMARK_PREFIX } from './writers.ts';
import { readWorkbook } from './xlsx-reader.ts';

/** Where an import reads from: a file (the CLI; rows may refer to files beside it) or uploaded bytes. */
export type ImportSource = { path: string } | { bytes: Buffer };

/** A record in the import shape (not yet validated) with its file references, or a row refused while reading. */
export type SourceRow = { line: number; value: unknown; media: unknown } | { line: number; code: ImportRejection['code']; issues: ErrorIssue[] };

export interface OpenedSource {
  rows: AsyncIterable<SourceRow>;
  /** XLSX: the sheet that was read. */
  sheet?: string;
  notes: string[];
}

const stream = (source: ImportSource) => ('path' in source ? createReadStream(source.path) : Readable.from([source.bytes]));
const bytesOf = async (source: ImportSource) => ('path' in source ? readFile(source.path) : source.bytes);

async function firstLine(source: ImportSource): Promise<string> {
  if ('bytes' in source) return source.bytes.subarray(0, 4096).toString('utf8').split(/\r?\n/)[0]!.replace(/^\uFEFF/, '');
  for await (const text of createInterface({ input: createReadStream(source.path, { encoding: 'utf8', end: 4095 }), crlfDelay: Infinity })) return text.replace(/^\uFEFF/, '');
  return '';
}

async function* jsonlRows(source: ImportSource): AsyncGenerator<SourceRow> {
  let line = 0;
  for await (const text of createInterface({ input: stream(source), crlfDelay: Infinity })) {
    line++;
    if (!text.trim()) continue;
    // An export's watermark line (writers.ts) says who exported it; it is not a record.
    if (line === 1 && text.startsWith('{"_export":')) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { line, code: 'INVALID_JSON', issues: [{ path: '', message: 'not valid JSON' }] };
      continue;
    }
    yield { line, value, media: (value as { media?: unknown } | null)?.media };
  }
}

const fromTemplate = (kind: RecordKind, line: number, record: Record<string, string>): SourceRow => ({
  line,
  value: (kind === 'dossiers' ? dossierFromCsv : requestFromCsv)(record),
  media: mediaReferencesFromCsv(record),
});

async function* csvRows(source: ImportSource, kind: RecordKind): AsyncGenerator<SourceRow> {
  const watermarked = (await firstLine(source)).startsWith(CSV_WATERMARK_PREFIX);
  const columns = (header: string[]) => {
    checkColumns(kind, header);
    return header.map((h) => h.trim());
  };
  const parser = stream(source).pipe(parseCsv({ columns, bom: true, skip_empty_lines: true, relax_column_count: true, info: true, ...(watermarked ? { from_line: 2 } : {}) }));
  for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) yield fromTemplate(kind, rec.info.lines, rec.record);
}

async function* each<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

/**
 * Opens an import in any format as one stream of rows. File-level problems (a header that does not
 * match the template, an unreadable workbook, malformed or non-PFIF XML) throw before any row is
 * yielded, so nothing is imported from such a file.
 */
export async function openSource(source: ImportSource, format: FileFormat, kind: RecordKind, pfifDomain: string): Promise<OpenedSource> {
  switch (format) {
    case 'jsonl':
      return { rows: jsonlRows(source), notes: [] };
    case 'csv': {
      const rows = csvRows(source, kind);
      // Read the header now, so a wrong one is refused before the caller starts saving.
      const first = await rows.next();
      return { rows: (async function* () { if (!first.done) yield first.value; yield* rows; })(), notes: [] };
    }
    case 'xlsx': {
      const sheet = await readWorkbook(await bytesOf(source), kind);
      return { rows: each(sheet.rows.map((r) => ('record' in r ? fromTemplate(kind, r.line, r.record) : r))), sheet: sheet.sheet, notes: sheet.notes };
    }
    case 'pfif': {
      const rows = readPfif((await bytesOf(source)).toString('utf8'), kind, pfifDomain);
      return { rows: each(rows.map((r) => ('value' in r ? { ...r, media: undefined } : r))), notes: [] };
    }
  }
}
