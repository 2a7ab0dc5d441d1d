/**
 * Batch matching of two JSONL files, the engine behind `homeward match-files`.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { readRecords } from './jsonl.ts';
import type { LineError } from './jsonl.ts';
import { MatchIndex } from './match-index.ts';
import type { BlockingStats } from './match-index.ts';
import type { ModelParams } from './model.ts';
import { trainModel } from './train.ts';
import type { MatchRecord } from './types.ts';

export interface MatchFilesOptions {
  recordsPath: string;
  requestsPath: string;
  outPath: string;
  /** Candidates per request (default 5). */
  top?: number;
  /** Use these parameters instead of estimating them from the two files. */
  model?: ModelParams;
  /** Override the model's thresholds. */
  thresholds?: Partial<ModelParams['thresholds']>;
}

export interface MatchFilesSummary {
  requests: number;
  records: number;
  written: number;
  errors: LineError[];
  model: ModelParams;
  /** Milliseconds spent reading and indexing, estimating the model, and matching. */
  timings: { readMs: number; trainMs: number; matchMs: number };
  /** Candidates scored, and how often the names-free fallback keys were looked up. */
  blocking: BlockingStats;
}

/**
 * Matches every request against every record and writes one JSON line per request:
 * `{"request_id","candidates":[{"record_id","score","decision","evidence"}]}`, best first.
 * Bad input lines (broken JSON, missing or duplicate id) are reported and skipped.
 * Unless a model is given, m and u are estimated from the inputs (random sampling and EM).
 *
 * @example
 * const s = await runMatchFiles({ recordsPath: 'R.jsonl', requestsPath: 'Q.jsonl', outPath: 'M.jsonl', top: 5 });
 * // s.errors → [{ file: 'Q.jsonl', line: 12, message: 'missing id' }]
 */
export async function runMatchFiles(options: MatchFilesOptions): Promise<MatchFilesSummary> {
  const t0 = performance.now();
  const errors: LineError[] = [];
  const index = new MatchIndex(options.model);
  const records = await readRecords(options.recordsPath, errors, (r) => index.add(r));
  const requests: MatchRecord[] = [];
  await readRecords(options.requestsPath, errors, (r) => requests.push(r));
  const t1 = performance.now();
  let model = options.model ?? trainModel(index, requests);
  if (options.thresholds) model = { ...model, thresholds: { ...model.thresholds, ...options.thresholds } };
  index.setModel(model);
  const t2 = performance.now();
  const fd = openSync(options.outPath, 'w');
  let written = 0;
  let buffer = '';
  try {
    for (const q of requests) {
      const candidates = index.query(q, { top: options.top ?? 5 }).map((c) => ({
        record_id: c.record_id,
        score: c.score,
        decision: c.decision,
        evidence: c.evidence,
      }));
      buffer += JSON.stringify({ request_id: q.id, candidates }) + '\n';
      written++;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer) writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  const timings = {
    readMs: Math.round(t1 - t0),
    trainMs: Math.round(t2 - t1),
    matchMs: Math.round(performance.now() - t2),
  };
  return { requests: requests.length, records, written, errors, model, timings, blocking: index.stats };
}
