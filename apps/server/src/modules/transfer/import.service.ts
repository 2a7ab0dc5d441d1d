import { dossierInput, tracingRequestInput } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import { dirname } from 'node:path';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { fromZodIssues, type ErrorIssue } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { saveDossierBatch } from '../dossiers/dossiers.service.ts';
import { attachReferencedFiles, parseMediaReferences, type MediaReference } from '../media/media.import.ts';
import { mediaStorageFromEnvironment, type MediaStorage } from '../media/media.storage.ts';
import { identityDateIssues, isoDay } from '../names/date-rules.ts';
import { requestIssues, saveRequestBatch } from '../requests/requests.service.ts';
import { pfifDomain } from './pfif-writer.ts';
import { openSource, type ImportSource } from './readers.ts';

export type RecordKind = 'dossiers' | 'requests';
export type FileFormat = 'jsonl' | 'csv' | 'xlsx' | 'pfif';

export interface ImportRejection {
  /** The line (JSONL, CSV, PFIF XML) or sheet row (XLSX) of the record. */
  line: number;
  /**
   * FILE_REJECTED: the row was saved, but a file it refers to was missing or refused (see issues).
   * MERGED_CELLS, FORMULA_WITHOUT_VALUE, CELL_ERROR: an XLSX row that cannot be read as typed.
   * SKIPPED: a PFIF note with no place in Homeward.
   */
  code: 'INVALID_JSON' | 'VALIDATION_FAILED' | 'DUPLICATE_IN_FILE' | 'FILE_REJECTED' | 'MERGED_CELLS' | 'FORMULA_WITHOUT_VALUE' | 'CELL_ERROR' | 'SKIPPED';
  issues: ErrorIssue[];
}

export interface ImportSummary {
  read: number;
  created: number;
  updated: number;
  /** Rows exactly as their source sent them last time: nothing was written for them. */
  unchanged: number;
  rejected: ImportRejection[];
  /** Photos and documents newly attached from files the rows refer to (`media`, or CSV `photos`/`documents`). */
  files: number;
  /** XLSX: the sheet that was imported. */
  sheet?: string;
  /** What a person should know about the file as a whole (e.g. sheets that were not imported). */
  notes?: string[];
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
  /** PFIF: this instance's record domain, stripped from person_record_ids (default HOMEWARD_PFIF_DOMAIN). */
  pfifDomain?: string;
}

/**
 * Imports dossiers or requests from a file. Every row is validated; valid rows are saved in
 * batches, each in one transaction, so an interruption leaves whole batches and a re-run (source
 * ids make it idempotent) completes the rest. Rejected rows are reported with line and reason.
 *
 * @example await importFile(db, clock, 'children.jsonl', { kind: 'dossiers', format: 'jsonl', partyId, actor })
 */
export function importFile(db: Kysely<DB>, clock: Clock, path: string, opts: ImportOptions): Promise<ImportSummary> {
  return importSource(db, clock, { path }, opts);
}

/**
 * Imports an uploaded file (the API): the same rules as `importFile`, except that rows cannot
 * refer to files, as there is no folder beside an upload.
 */
export function importBytes(db: Kysely<DB>, clock: Clock, bytes: Buffer, opts: ImportOptions): Promise<ImportSummary> {
  return importSource(db, clock, { bytes }, opts);
}

async function importSource(db: Kysely<DB>, clock: Clock, source: ImportSource, opts: ImportOptions): Promise<ImportSummary> {
  const opened = await openSource(source, opts.format, opts.kind, opts.pfifDomain ?? pfifDomain());
  const schema = opts.kind === 'dossiers' ? dossierInput : tracingRequestInput;
  const batchSize = opts.batchSize ?? 1000;
  const today = isoDay(clock.now());
  const summary: ImportSummary = { read: 0, created: 0, updated: 0, unchanged: 0, rejected: [], files: 0, ...(opened.sheet ? { sheet: opened.sheet } : {}), ...(opened.notes.length ? { notes: opened.notes } : {}) };
  let batch: Array<{ line: number; value: never; refs: MediaReference[] }> = [];
  let media: MediaStorage | undefined = opts.media;
  const inBatch = new Set<string>();
  const baseDir = 'path' in source ? dirname(source.path) : undefined;

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
      else if (s.unchanged) summary.unchanged++;
      else summary.updated++;
    }
    // Files after the rows commit: a re-run attaches what an interruption missed (attaching is idempotent).
    for (const [k, entry] of batch.entries()) {
      if (entry.refs.length === 0) continue;
      media ??= mediaStorageFromEnvironment();
      const subject = { type: opts.kind === 'dossiers' ? ('dossier' as const) : ('tracing_request' as const), id: saved[k]!.id };
      const r = await attachReferencedFiles({ db, clock, storage: media }, opts.actor, subject, baseDir!, entry.refs);
      summary.files += r.attached;
      if (r.issues.length) summary.rejected.push({ line: entry.line, code: 'FILE_REJECTED', issues: r.issues });
    }
    batch = [];
    inBatch.clear();
    await opts.onBatch?.({ read: summary.read, created: summary.created, updated: summary.updated });
  };

  for await (const row of opened.rows) {
    if ('code' in row) {
      if (row.code !== 'SKIPPED') summary.read++;
      summary.rejected.push({ line: row.line, code: row.code, issues: row.issues });
      continue;
    }
    summary.read++;
    const parsed = schema.safeParse(row.value);
    const refs = baseDir ? parseMediaReferences(row.media) : { refs: [], issues: row.media === undefined ? [] : [{ path: 'media', message: 'an upload cannot refer to files; import with the CLI from the folder that holds them' }] };
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
