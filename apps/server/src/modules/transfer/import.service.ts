import { dossierInput, tracingRequestInput } from '@homeward/contracts';
import { parse as parseCsv } from 'csv-parse';
import type { Kysely } from 'kysely';
import { createReadStream } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { fromZodIssues, type ErrorIssue } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { saveDossierBatch } from '../dossiers/dossiers.service.ts';
import { attachReferencedFiles, mediaReferencesFromCsv, parseMediaReferences, type MediaReference } from '../media/media.import.ts';
import { mediaStorageFromEnvironment, type MediaStorage } from '../media/media.storage.ts';
import { identityDateIssues, isoDay } from '../names/date-rules.ts';
import { requestIssues, saveRequestBatch } from '../requests/requests.service.ts';
import { dossierFromCsv, requestFromCsv } from './csv-mapping.ts';

export type RecordKind = 'dossiers' | 'requests';
export type FileFormat = 'jsonl' | 'csv';

export interface ImportRejection {
  line: number;
  /** FILE_REJECTED: the row was saved, but a file it refers to was missing or refused (see issues). */
  code: 'INVALID_JSON' | 'VALIDATION_FAILED' | 'DUPLICATE_IN_FILE' | 'FILE_REJECTED';
  issues: ErrorIssue[];
}

export interface ImportSummary {
  read: number;
  created: number;
  updated: number;
  rejected: ImportRejection[];
  /** Photos and documents newly attached from files the rows refer to (`media`, or CSV `photos`/`documents`). */
  files: number;
}

export interface ImportOptions {
  kind: RecordKind;
  format: FileFormat;
  partyId: string;
  actor: Actor;
  batchSize?: number;
  /** Called after each committed batch (progress, and the test hook for interruption). */
  onBatch?: (done: { read: number; created: number; updated: number }) => void | Promise<void>;
  /** Where referenced files go; by default the configured media storage (resolved only if a row refers to files). */
  media?: MediaStorage;
}

/** Each line (JSONL) or row (CSV) as `{line, value}` with its 1-based line number in the file. */
async function* readRows(path: string, format: FileFormat): AsyncGenerator<{ line: number; value: unknown } | { line: number; error: string }> {
  if (format === 'jsonl') {
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
      line++;
      if (!text.trim()) continue;
      try {
        yield { line, value: JSON.parse(text) };
      } catch {
        yield { line, error: 'not valid JSON' };
      }
    }
    return;
  }
  const parser = createReadStream(path).pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield { line: rec.info.lines, value: rec.record };
  }
}

/**
 * Imports dossiers or requests from a file. Every row is validated; valid rows are saved in
 * batches, each in one transaction, so an interruption leaves whole batches and a re-run (source
 * ids make it idempotent) completes the rest. Rejected rows are reported with line and reason.
 *
 * @example await importFile(db, clock, 'children.jsonl', { kind: 'dossiers', format: 'jsonl', partyId, actor })
 */
export async function importFile(db: Kysely<DB>, clock: Clock, path: string, opts: ImportOptions): Promise<ImportSummary> {
  const schema = opts.kind === 'dossiers' ? dossierInput : tracingRequestInput;
  const fromCsv = opts.kind === 'dossiers' ? dossierFromCsv : requestFromCsv;
  const batchSize = opts.batchSize ?? 1000;
  const today = isoDay(clock.now());
  const summary: ImportSummary = { read: 0, created: 0, updated: 0, rejected: [], files: 0 };
  let batch: Array<{ line: number; value: never; refs: MediaReference[] }> = [];
  let media: MediaStorage | undefined = opts.media;
  const inBatch = new Set<string>();

  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map((b) => b.value);
    const saved = await db.transaction().execute((trx) =>
      opts.kind === 'dossiers'
        ? saveDossierBatch(trx, opts.actor, opts.partyId, values, clock.now())
        : saveRequestBatch(trx, opts.actor, opts.partyId, values, clock.now()),
    );
    for (const s of saved) {
      if (s.created) summary.created++;
      else summary.updated++;
    }
    // Files after the rows commit: a re-run attaches what an interruption missed (attaching is idempotent).
    for (const [k, entry] of batch.entries()) {
      if (entry.refs.length === 0) continue;
      media ??= mediaStorageFromEnvironment();
      const subject = { type: opts.kind === 'dossiers' ? ('dossier' as const) : ('tracing_request' as const), id: saved[k]!.id };
      const r = await attachReferencedFiles({ db, clock, storage: media }, opts.actor, subject, dirname(path), entry.refs);
      summary.files += r.attached;
      if (r.issues.length) summary.rejected.push({ line: entry.line, code: 'FILE_REJECTED', issues: r.issues });
    }
    batch = [];
    inBatch.clear();
    await opts.onBatch?.({ read: summary.read, created: summary.created, updated: summary.updated });
  };

  for await (const row of readRows(path, opts.format)) {
    summary.read++;
    if ('error' in row) {
      summary.rejected.push({ line: row.line, code: 'INVALID_JSON', issues: [{ path: '', message: row.error }] });
      continue;
    }
    const parsed = schema.safeParse(opts.format === 'csv' ? fromCsv(row.value as Record<string, string>) : row.value);
    const refs = parseMediaReferences(opts.format === 'csv' ? mediaReferencesFromCsv(row.value as Record<string, string>) : (row.value as { media?: unknown } | null)?.media);
    if (!parsed.success) {
      summary.rejected.push({ line: row.line, code: 'VALIDATION_FAILED', issues: fromZodIssues(parsed.error.issues) });
      continue;
    }
    const value = parsed.data as { sourceId?: string };
    const issues = [
      ...(value.sourceId ? [] : [{ path: 'sourceId', message: 'is required for imports (it makes them idempotent)' }]),
      ...(opts.kind === 'dossiers' ? identityDateIssues(value as never, today) : requestIssues(value as never, today)),
      ...refs.issues,
    ];
    if (issues.length) {
      summary.rejected.push({ line: row.line, code: 'VALIDATION_FAILED', issues });
      continue;
    }
    // The same source id twice in one batch would be two inserts: save what we have first.
    if (inBatch.has(value.sourceId!)) await flush();
    inBatch.add(value.sourceId!);
    batch.push({ line: row.line, value: value as never, refs: refs.refs });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return summary;
}
