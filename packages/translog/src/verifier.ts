import type { PartyKey } from './attestation.ts';
import { bytesEqual, toHex } from './bytes.ts';
import { openCheckpoint, type Checkpoint } from './checkpoint.ts';
import { createCosignatureVerifier } from './cosignature.ts';
import { canonicalJson, encodeEntry, type LogEntry } from './entry.ts';
import { isTranslogError } from './errors.ts';
import { Findings, type Finding } from './findings.ts';
import { hashLeaf, verifyConsistency } from './merkle.ts';
import { MerkleTree } from './merkle-tree.ts';
import { createNoteVerifier, type NoteVerifier } from './note.ts';
import { checkQuorum } from './quorum.ts';
import { utf8 } from './bytes.ts';
import { verifyAttestationEntries, type SubjectRecord } from './verify-attestations.ts';

/** One exported log entry: its position, the entry, and the leaf hash the server stored. */
export interface ExportedEntry {
  index: number;
  entry: LogEntry;
  /** Hex leaf hash as stored; when given, an edit of the entry alone is pinned to its index. */
  leafHash?: string;
}

/** Everything `homeward log verify --export DIR` reads; no database, no server code. */
export interface LogExport {
  /** The log's origin line. */
  origin: string;
  /** The log's checkpoint vkey (type 0x01). */
  logKey: string;
  entries: ExportedEntry[];
  /** Signed checkpoint notes, with any cosignatures, in any order. */
  checkpoints: string[];
  /** DSSE envelopes of the attestations. */
  envelopes: unknown[];
  /** The parties' public keys as the checker trusts them, with validity periods. */
  partyKeys: PartyKey[];
  /** Witness policy: cosignature vkeys (type 0x04), quorum k, freshness window. */
  witnesses?: { keys: string[]; quorum: number; maxAgeSeconds: number };
  /** Subjects the checker holds (salt and covered content), for the stale and erased checks. */
  subjects?: SubjectRecord[];
}

export interface VerifyOptions {
  /** The clock, passed in. */
  now: Date;
  /** A checkpoint note saved earlier by the checker: proves the log only grew since. */
  savedCheckpoint?: string;
  /**
   * A checkpoint whose witnesses' cosignatures are older than the freshness window is an error
   * (refused) rather than a warning. `homeward log verify` sets it whenever a witness policy applies.
   */
  refuseStale?: boolean;
}

export interface VerifyReport {
  ok: boolean;
  size: number;
  root: string;
  latestCheckpoint: {
    size: number;
    witnessStatus: 'trusted' | 'quorum-not-met' | 'stale' | 'not-checked';
  } | null;
  /**
   * The newest checkpoint cosigned by the quorum within the freshness window, when a witness
   * policy was given: what the checker may trust. Entries at or beyond its size are "awaiting
   * witnesses". Undefined when no witness policy was given.
   */
  trustedCheckpoint?: { size: number } | null;
  attestations: Record<'valid' | 'stale' | 'subject-erased' | 'invalid', number>;
  findings: Finding[];
}

function leafHashOf(e: ExportedEntry, i: number, f: Findings): Uint8Array {
  try {
    return hashLeaf(encodeEntry(e.entry));
  } catch (err) {
    const personal = isTranslogError(err, 'PERSONAL_DATA_REFUSED');
    const code = personal ? 'ENTRY_PERSONAL_DATA' : 'ENTRY_MALFORMED';
    f.error(code, `entry ${i}: ${(err as Error).message}`, { entryIndex: i });
    try {
      return hashLeaf(utf8(canonicalJson(e.entry)));
    } catch {
      return hashLeaf(new Uint8Array());
    }
  }
}

function readEntries(exp: LogExport, f: Findings): MerkleTree {
  const tree = new MerkleTree();
  const ids = new Set<string>();
  exp.entries.forEach((e, i) => {
    if (e.index !== i) {
      f.error(
        'ENTRY_INDEX_MISMATCH',
        `position ${i} holds entry number ${e.index}: entries were deleted, inserted or reordered`,
        {
          entryIndex: i,
        },
      );
    }
    const hash = leafHashOf(e, i, f);
    if (e.leafHash !== undefined && e.leafHash !== toHex(hash)) {
      f.error(
        'ENTRY_ALTERED',
        `entry ${i} does not match the leaf hash stored with it: the entry was edited`,
        { entryIndex: i },
      );
    }
    if (ids.has(e.entry.id))
      f.error('ENTRY_DUPLICATE', `entry ${i} repeats an earlier entry id`, { entryIndex: i });
    ids.add(e.entry.id);
    tree.append(hash);
  });
  return tree;
}

function readCheckpoints(
  exp: LogExport,
  log: NoteVerifier,
  tree: MerkleTree,
  f: Findings,
): Array<Checkpoint & { note: string }> {
  const valid: Array<Checkpoint & { note: string }> = [];
  exp.checkpoints.forEach((note, i) => {
    try {
      valid.push({ ...openCheckpoint(note, log, exp.origin).checkpoint, note });
    } catch (err) {
      f.error('CHECKPOINT_INVALID', `checkpoint ${i + 1} of the export: ${(err as Error).message}`);
    }
  });
  valid.sort((a, b) => a.size - b.size);
  let lastGood = 0;
  for (const [i, cp] of valid.entries()) {
    const at = { checkpointSize: cp.size };
    const prev = valid[i - 1];
    if (prev && prev.size === cp.size && !bytesEqual(prev.rootHash, cp.rootHash)) {
      f.error('LOG_FORK', `the log signed two different trees of size ${cp.size}: it forked`, at);
    }
    if (cp.size > tree.size) {
      const message = `a signed checkpoint covers ${cp.size} entries but the export has ${tree.size}: entries were deleted`;
      f.error('ENTRIES_MISSING', message, at);
    } else if (!bytesEqual(tree.root(cp.size), cp.rootHash)) {
      const message = `entries 0–${cp.size - 1} do not give the root signed at size ${cp.size}; the change lies in entries ${lastGood}–${cp.size - 1} (altered, deleted, inserted or reordered)`;
      f.error('ROOT_MISMATCH', message, at);
    } else {
      lastGood = cp.size;
    }
  }
  return valid;
}

function checkSaved(note: string, exp: LogExport, log: NoteVerifier, tree: MerkleTree, f: Findings): void {
  let saved: Checkpoint;
  try {
    saved = openCheckpoint(note, log, exp.origin).checkpoint;
  } catch (err) {
    f.error('CHECKPOINT_INVALID', `the saved checkpoint: ${(err as Error).message}`);
    return;
  }
  const at = { checkpointSize: saved.size };
  if (saved.size > tree.size) {
    f.error(
      'LOG_SHRANK',
      `you saved a tree of ${saved.size} entries; the log now has ${tree.size}: entries were deleted`,
      at,
    );
  } else if (
    !verifyConsistency(saved.size, tree.size, saved.rootHash, tree.root(), tree.consistencyProof(saved.size))
  ) {
    f.error(
      'LOG_REWRITTEN',
      `the log no longer extends the tree of size ${saved.size} you saved: history was rewritten`,
      at,
    );
  } else {
    f.info(
      'LOG_GREW',
      `the log only grew since the tree head you saved (size ${saved.size} → ${tree.size})`,
      at,
    );
  }
}

/**
 * Checks an exported log end to end and names exactly what is wrong: entries edited, deleted,
 * inserted or reordered; checkpoints with bad signatures, forks, missing witness quorum or
 * stale cosignatures; a log rewritten since a saved tree head; attestations with invalid
 * signatures, wrong or expired keys, keys not registered in the log, stale content or erased
 * subjects. Pure: no I/O; the clock is passed in.
 *
 * @example
 * const report = verifyLogExport(JSON.parse(await readFile('export/log.json', 'utf8')), { now: new Date() });
 * for (const f of report.findings) console.log(`${f.severity} ${f.code}: ${f.message}`);
 * process.exitCode = report.ok ? 0 : 1;
 */
export function verifyLogExport(exp: LogExport, opts: VerifyOptions): VerifyReport {
  const f = new Findings();
  const log = createNoteVerifier(exp.logKey);
  const tree = readEntries(exp, f);
  const checkpoints = readCheckpoints(exp, log, tree, f);
  const latest = checkpoints[checkpoints.length - 1];
  let witnessStatus: NonNullable<VerifyReport['latestCheckpoint']>['witnessStatus'] = 'not-checked';
  let trusted: { size: number } | null | undefined = exp.witnesses ? null : undefined;
  if (!latest) {
    f.error('NO_CHECKPOINT', 'the export holds no valid signed checkpoint, so nothing binds the entries');
  } else {
    if (latest.size < tree.size) {
      f.warn(
        'UNCHECKPOINTED_ENTRIES',
        `entries ${latest.size}–${tree.size - 1} are not yet covered by a signed checkpoint`,
      );
    }
    if (exp.witnesses) {
      const witnesses = exp.witnesses.keys.map(createCosignatureVerifier);
      const policy = { logVerifier: log, origin: exp.origin, witnesses, ...exp.witnesses };
      const nowSeconds = Math.floor(opts.now.getTime() / 1000);
      const judge = (note: string) => checkQuorum(note, policy, nowSeconds);
      const q = judge(latest.note);
      witnessStatus = q.status;
      const at = { checkpointSize: latest.size };
      for (const name of q.invalid)
        f.error('WITNESS_SIGNATURE_INVALID', `the cosignature of ${name} does not verify`, at);
      // The newest checkpoint the quorum cosigned recently: usually not the latest, which the
      // log signs after every append, before the witnesses' next round.
      const newest = q.trusted
        ? latest
        : [...checkpoints].reverse().find((cp) => cp.size <= tree.size && judge(cp.note).trusted);
      trusted = newest ? { size: newest.size } : null;
      if (q.status === 'stale') {
        if (opts.refuseStale) f.error('CHECKPOINT_STALE', q.message, at);
        else f.warn('CHECKPOINT_STALE', q.message, at);
      } else if (q.status === 'quorum-not-met') {
        if (newest)
          f.warn(
            'CHECKPOINT_AWAITING_WITNESSES',
            `${q.message}; the newest checkpoint the witnesses cosigned in time covers ${newest.size} entries`,
            at,
          );
        else f.error('QUORUM_NOT_MET', q.message, at);
      }
    }
  }
  if (opts.savedCheckpoint !== undefined) checkSaved(opts.savedCheckpoint, exp, log, tree, f);
  const entries = exp.entries.map((e) => e.entry);
  const attestations = verifyAttestationEntries(entries, exp.envelopes, exp.partyKeys, exp.subjects ?? [], f);
  if (trusted !== undefined) {
    const from = trusted?.size ?? 0;
    const waiting = entries.flatMap((e, i) => (i >= from && e.kind === 'attestation' ? [i] : []));
    if (waiting.length)
      f.info(
        'ATTESTATION_AWAITING_WITNESSES',
        `${waiting.length} attestation(s) (entries ${waiting[0]}–${waiting.at(-1)}) are signed and logged but not yet under a checkpoint the witnesses cosigned: verified, awaiting witnesses`,
      );
  }
  return {
    ok: !f.hasErrors,
    size: tree.size,
    root: toHex(tree.root()),
    latestCheckpoint: latest ? { size: latest.size, witnessStatus } : null,
    ...(trusted !== undefined ? { trustedCheckpoint: trusted } : {}),
    attestations,
    findings: f.list,
  };
}
