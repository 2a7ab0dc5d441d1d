import {
  EMPTY_ROOT,
  toHex,
  envelopeDigest,
  parseEnvelope,
  parseStatement,
  verifyLogExport,
  type LogExport,
  type SubjectRecord,
  type VerifyReport,
} from '@homeward/translog';
import { loadSubjectsOf, subjectKey } from '../attestations/attestation-subjects.ts';
import { findAllAttestations, type AttestationRow } from '../attestations/attestations.repository.ts';
import { subjectRefOf } from '../attestations/covered-content.ts';
import type { Executor } from '../audit/audit.repository.ts';
import { listAllPartyKeys } from './keys.service.ts';
import { findLogKey } from './keys.repository.ts';
import { findAllCheckpoints, findLogEntries, type StoredEntry } from './log.repository.ts';
import { logVerifierKey } from './log.service.ts';
import { publishedWitnessPolicy } from './witness.service.ts';

/**
 * The log as a party takes it home: entries with their stored leaf hashes, every signed
 * checkpoint, the attestation envelopes and the published keys. No personal data: subjects'
 * content and salts stay in the database.
 */
export async function buildLogExport(db: Executor): Promise<LogExport> {
  const logKey = await findLogKey(db);
  const [entries, checkpoints, attestations, partyKeys, witnesses] = await Promise.all([
    findLogEntries(db, 0),
    findAllCheckpoints(db),
    findAllAttestations(db),
    listAllPartyKeys(db),
    publishedWitnessPolicy(db),
  ]);
  return {
    origin: logKey?.name ?? 'homeward.local/log-none',
    logKey: logKey ? logVerifierKey(logKey) : '',
    entries,
    checkpoints,
    envelopes: attestations.map((a) => a.envelope),
    partyKeys,
    ...(witnesses ? { witnesses } : {}),
  };
}

/** A finding about the database itself, beyond what the exported log shows. */
export interface DatabaseFinding {
  severity: 'error' | 'warning';
  code: 'ATTESTATION_ROW_MISMATCH' | 'ATTESTATION_NOT_LOGGED' | 'LOG_KEY_MISSING';
  message: string;
  entryIndex?: number;
}

function checkRows(rows: AttestationRow[], entries: StoredEntry[]): DatabaseFinding[] {
  const out: DatabaseFinding[] = [];
  for (const r of rows) {
    const at = Number(r.log_index);
    const e = entries[at]?.index === at ? entries[at]!.entry : entries.find((x) => x.index === at)?.entry;
    if (!e || e.kind !== 'attestation') {
      out.push({
        severity: 'error',
        code: 'ATTESTATION_NOT_LOGGED',
        message: `attestation ${r.id} names log entry ${at}, which is not its attestation entry`,
        entryIndex: at,
      });
      continue;
    }
    let digest: string | undefined;
    let signedFields: string[] | undefined;
    try {
      const env = parseEnvelope(r.envelope);
      digest = envelopeDigest(env);
      signedFields = parseStatement(env).predicate.coveredFields;
    } catch {
      digest = undefined;
    }
    const same =
      e.envelopeSha256 === r.envelope_sha256 &&
      e.claim === r.claim &&
      e.party === r.party_id &&
      e.subjectDigest === r.subject_commitment &&
      e.keyId === r.key_id &&
      e.subjectRef === r.subject_ref &&
      r.subject_ref === subjectRefOf(r.subject_type, r.subject_id, r.subject_version);
    const sameFields = JSON.stringify(signedFields) === JSON.stringify(r.covered_fields);
    if (!same || !sameFields || digest !== r.envelope_sha256) {
      out.push({
        severity: 'error',
        code: 'ATTESTATION_ROW_MISMATCH',
        message: `attestation ${r.id} (entry ${at}) differs from what was logged and signed`,
        entryIndex: at,
      });
    }
  }
  return out;
}

/** Each attestation's subject as the database holds it now (dossiers and cases alike), for the stale check. */
async function subjectsOf(db: Executor, rows: AttestationRow[]): Promise<SubjectRecord[]> {
  const subjects = await loadSubjectsOf(db, rows);
  return rows.map((r) => {
    const s = subjects.get(subjectKey(r.subject_type, r.subject_id));
    if (!r.salt || !s) return { subjectDigest: r.subject_commitment, salt: null };
    let covered: Record<string, unknown>;
    try {
      covered = s.covered(r.covered_fields, r.party_id);
    } catch {
      // A row naming fields its subject cannot have was altered: checkRows reports it.
      return { subjectDigest: r.subject_commitment, salt: null };
    }
    return { subjectDigest: r.subject_commitment, salt: Buffer.from(r.salt).toString('base64'), covered };
  });
}

/**
 * `homeward log verify` on the database: the standalone verifier over the stored log, plus the
 * subjects' current content (stale checks) and the attestation rows against their entries.
 */
export async function verifyStoredLog(
  db: Executor,
  opts: { now: Date; savedCheckpoint?: string | undefined },
): Promise<{ report: VerifyReport; database: DatabaseFinding[] }> {
  // The witness quorum is judged by `GET /api/v1/log/checkpoint` and by each party's own check of
  // an export: the newest checkpoint is seldom cosigned yet, which is not tampering.
  const { witnesses: _witnesses, ...exp } = await buildLogExport(db);
  const rows = await findAllAttestations(db);
  if (!exp.logKey) {
    // No checkpoint key: fine for a log that never started, tampering for one with entries.
    const report: VerifyReport = {
      ok: exp.entries.length === 0,
      size: exp.entries.length,
      root: toHex(EMPTY_ROOT),
      latestCheckpoint: null,
      attestations: { valid: 0, stale: 0, 'subject-erased': 0, invalid: 0 },
      findings: [],
    };
    const missing: DatabaseFinding[] = exp.entries.length
      ? [
          {
            severity: 'error',
            code: 'LOG_KEY_MISSING',
            message: 'the log has entries but its checkpoint key is gone from the database',
          },
        ]
      : [];
    return { report, database: missing };
  }
  const report = verifyLogExport(
    { ...exp, subjects: await subjectsOf(db, rows) },
    opts.savedCheckpoint === undefined
      ? { now: opts.now }
      : { now: opts.now, savedCheckpoint: opts.savedCheckpoint },
  );
  const database = checkRows(rows, exp.entries as StoredEntry[]);
  return { report: { ...report, ok: report.ok && database.length === 0 }, database };
}
