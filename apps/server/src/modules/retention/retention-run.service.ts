import type { BlobStore } from '@homeward/media';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { systemActor } from '../auth/actor.ts';
import { monthsBefore, targets, type Target } from './retention-targets.ts';
import {
  allowMinimisation,
  destroyWrappedKeys,
  findAllRules,
  findCandidates,
  findShreddableMedia,
  insertRunReport,
  markMinimised,
  minimiseRows,
} from './retention.repository.ts';
import { ruleKinds, type RuleKind, type RuleResult } from './retention.tables.ts';

export interface RetentionDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Where media blobs live; without it keys are still destroyed and the blobs left (unreadable). */
  store?: BlobStore | null;
}

export interface RunOutcome {
  runId: string;
  reports: Array<{ partyId: string; status: 'completed' | 'failed'; results: RuleResult[] }>;
}

/**
 * The `retention.minimise` job: applies each party's rules to that party's own records. Each batch
 * is one transaction that rewrites the rows, records the marker and audits every row id (with the
 * rule and the field names, never a value). A row that holds nothing more is never picked again,
 * so a second run changes nothing. One report per party with rules, even when nothing was due.
 */
export async function runRetention(deps: RetentionDeps, opts: { batchSize?: number } = {}): Promise<RunOutcome> {
  const batchSize = opts.batchSize ?? 200;
  const runId = randomUUID();
  const now = deps.clock.now();
  const byParty = new Map<string, Array<{ kind: RuleKind; months: number }>>();
  for (const r of await findAllRules(deps.db)) byParty.set(r.party_id, [...(byParty.get(r.party_id) ?? []), { kind: r.kind, months: r.months }]);

  const outcome: RunOutcome = { runId, reports: [] };
  let firstError: unknown;
  for (const [partyId, rules] of byParty) {
    const startedAt = deps.clock.now();
    const results: RuleResult[] = [];
    let status: 'completed' | 'failed' = 'completed';
    try {
      for (const kind of ruleKinds) {
        const rule = rules.find((r) => r.kind === kind);
        if (!rule) continue;
        const cutoff = monthsBefore(now, rule.months);
        const result: RuleResult = { kind, months: rule.months, cutoff: cutoff.toISOString(), rows: 0, fields: 0, byField: {} };
        results.push(result);
        const run = { deps, partyId, cutoff, runId, now, batchSize, result };
        if (kind === 'media-of-closed') await shredMedia(run);
        else for (const target of targets.filter((t) => t.rule === kind)) await minimiseTarget(run, target);
      }
    } catch (error) {
      status = 'failed';
      firstError ??= error;
    }
    await insertRunReport(deps.db, { runId, partyId, status, startedAt, finishedAt: deps.clock.now(), results });
    outcome.reports.push({ partyId, status, results });
  }
  // Rethrown after every party's report is written, so that the job is retried.
  if (firstError) throw firstError;
  return outcome;
}

interface RuleRun {
  deps: RetentionDeps;
  partyId: string;
  cutoff: Date;
  runId: string;
  now: Date;
  batchSize: number;
  result: RuleResult;
}

async function minimiseTarget(run: RuleRun, target: Target): Promise<void> {
  const { deps, partyId, cutoff, runId, now, batchSize, result } = run;
  const seen = new Set<string>();
  for (;;) {
    const count = await deps.db.transaction().execute(async (trx) => {
      const batch = await findCandidates(trx, target, partyId, cutoff, batchSize);
      if (batch.length === 0) return 0;
      for (const c of batch) {
        // A row picked twice was not cleared by its update: stop rather than loop for ever.
        if (seen.has(c.id)) throw new Error(`retention: ${target.table} rows are still due after minimisation`);
        seen.add(c.id);
      }
      // The append-only history tables accept this one change in this transaction (migration 0025).
      await allowMinimisation(trx);
      await minimiseRows(trx, target, batch.map((c) => c.id));
      const marked = batch.map((c) => ({ recordType: target.recordType, recordId: c.id, fields: c.fields }));
      await markMinimised(trx, marked, partyId, target.rule, runId, now);
      await recordAudit(
        trx,
        systemActor(partyId),
        batch.map((c) => ({
          action: 'retention.minimise',
          recordType: target.recordType,
          recordId: c.id,
          fields: c.fields,
          details: { rule: target.rule, fields: c.fields, runId },
        })),
      );
      for (const c of batch) {
        result.rows++;
        for (const f of c.fields) {
          result.fields++;
          const key = `${target.table}.${f}`;
          result.byField[key] = (result.byField[key] ?? 0) + 1;
        }
      }
      return batch.length;
    });
    if (count < batchSize) return;
  }
}

/**
 * media-of-closed: destroys the wrapped data key of every blob of the due dossiers' files (the
 * blobs can never be decrypted again: crypto-shredding), then deletes the blobs from the store.
 * The file rows stay with their content hashes, so attestations over photos still check out.
 */
async function shredMedia(run: RuleRun): Promise<void> {
  const { deps, partyId, cutoff, runId, now, batchSize, result } = run;
  for (;;) {
    const batch = await deps.db.transaction().execute(async (trx) => {
      const files = await findShreddableMedia(trx, partyId, cutoff, batchSize);
      if (files.length === 0) return files;
      await destroyWrappedKeys(trx, files.map((f) => f.id));
      const fields = ['blobs'];
      await markMinimised(trx, files.map((f) => ({ recordType: 'media', recordId: f.id, fields })), partyId, 'media-of-closed', runId, now);
      await recordAudit(
        trx,
        systemActor(partyId),
        files.map((f) => ({ action: 'retention.crypto-shred', recordType: 'media', recordId: f.id, fields, details: { rule: 'media-of-closed', fields, blobs: f.blob_ids.length, runId } })),
      );
      return files;
    });
    for (const f of batch) {
      result.rows++;
      result.fields += f.blob_ids.length;
      result.byField['media_blob.wrapped_key'] = (result.byField['media_blob.wrapped_key'] ?? 0) + f.blob_ids.length;
      for (const blobId of f.blob_ids) {
        const deleted = deps.store ? await deps.store.delete(blobId).then(() => true, () => false) : false;
        if (!deleted) result.blobsLeft = (result.blobsLeft ?? 0) + 1;
      }
    }
    if (batch.length < batchSize) return;
  }
}
