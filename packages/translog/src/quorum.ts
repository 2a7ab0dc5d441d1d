import { openCheckpoint, type Checkpoint } from './checkpoint.ts';
import { cosignatureTimestamp } from './cosignature.ts';
import { TranslogError } from './errors.ts';
import { formatKeyId, parseNote, SIG_TYPE_COSIGNATURE_V1, type NoteVerifier } from './note.ts';

/** Which witnesses a client requires, and how recent their cosignatures must be. */
export interface QuorumPolicy {
  logVerifier: NoteVerifier;
  /** Defaults to the log key's name. */
  origin?: string;
  /** Witness cosignature verifiers (type 0x04), one per party's witness. */
  witnesses: readonly NoteVerifier[];
  /** Number k of distinct witnesses required. */
  quorum: number;
  /** A cosignature older than this (seconds) does not count as fresh. */
  maxAgeSeconds: number;
  /** Cosignatures timestamped further in the future than this are refused (default 300 s). */
  maxFutureSkewSeconds?: number;
}

export type QuorumStatus = 'trusted' | 'quorum-not-met' | 'stale';

export interface QuorumResult {
  status: QuorumStatus;
  trusted: boolean;
  checkpoint: Checkpoint;
  /** Valid cosignatures from configured witnesses, with their time and freshness. */
  cosigners: Array<{ name: string; keyId: string; timestamp: number; fresh: boolean }>;
  /** Configured witnesses whose cosignature line failed to verify (or was in the future). */
  invalid: string[];
  message: string;
}

/**
 * Decides whether a checkpoint is trusted: the log's signature must verify (else it throws),
 * and at least `quorum` distinct configured witnesses must have cosigned it within
 * `maxAgeSeconds` of `nowSeconds`. Returns 'quorum-not-met' when too few witnesses cosigned at
 * all, and 'stale' when enough did but too long ago. The clock is passed in.
 *
 * @example
 * const r = checkQuorum(note, { logVerifier, witnesses, quorum: 3, maxAgeSeconds: 3600 }, nowSeconds);
 * if (!r.trusted) show(r.message); // e.g. 'only 2 of the 3 required witnesses cosigned size 120'
 */
export function checkQuorum(note: string, policy: QuorumPolicy, nowSeconds: number): QuorumResult {
  if (!Number.isInteger(policy.quorum) || policy.quorum < 1 || policy.quorum > policy.witnesses.length) {
    throw new TranslogError('INVALID_INPUT', 'quorum must be between 1 and the number of witnesses');
  }
  const { checkpoint, note: opened } = openCheckpoint(note, policy.logVerifier, policy.origin);
  const skew = policy.maxFutureSkewSeconds ?? 300;
  const cosigners: QuorumResult['cosigners'] = [];
  const invalid: string[] = [];
  const text = parseNote(note).text;
  for (const w of policy.witnesses) {
    if (w.type !== SIG_TYPE_COSIGNATURE_V1)
      throw new TranslogError('INVALID_INPUT', `${w.name} is not a witness key`);
    const sig = opened.unknown.find((s) => s.name === w.name && s.keyId === w.keyId);
    if (!sig) continue;
    let timestamp = -1;
    try {
      timestamp = cosignatureTimestamp(sig.signature);
    } catch {
      // a malformed cosignature counts as invalid below
    }
    if (timestamp < 0 || timestamp > nowSeconds + skew || !w.verify(text, sig.signature)) {
      invalid.push(w.name);
      continue;
    }
    const fresh = nowSeconds - timestamp <= policy.maxAgeSeconds;
    cosigners.push({ name: w.name, keyId: formatKeyId(w.keyId), timestamp, fresh });
  }
  const freshCount = cosigners.filter((c) => c.fresh).length;
  const need = policy.quorum;
  let status: QuorumStatus = 'trusted';
  let message = `${freshCount} of ${need} required witnesses cosigned size ${checkpoint.size} recently`;
  if (cosigners.length < need) {
    status = 'quorum-not-met';
    message = `only ${cosigners.length} of the ${need} required witnesses cosigned size ${checkpoint.size}`;
  } else if (freshCount < need) {
    status = 'stale';
    message = `the witnesses' cosignatures of size ${checkpoint.size} are older than ${policy.maxAgeSeconds} s`;
  }
  return { status, trusted: status === 'trusted', checkpoint, cosigners, invalid, message };
}
