import { fromBase64, toBase64 } from './bytes.ts';
import { TranslogError } from './errors.ts';
import { HASH_SIZE } from './merkle.ts';
import { openNote, signNote, type NoteSigner, type NoteVerifier, type OpenedNote } from './note.ts';

/** A log checkpoint (c2sp.org/tlog-checkpoint): the tree head the log commits to. */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Opaque extension lines; NOT RECOMMENDED by the spec and unused by Homeward. */
  extensions?: string[];
}

/**
 * Formats the checkpoint note text: origin, size, base64 root, extension lines, each ending
 * in a newline.
 * @example formatCheckpoint({ origin: 'homeward.example/log', size: 8, rootHash })
 * // 'homeward.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n'
 */
export function formatCheckpoint(cp: Checkpoint): string {
  if (cp.origin.length === 0 || cp.origin.includes('\n')) {
    throw new TranslogError('CHECKPOINT_MALFORMED', 'origin must be one non-empty line');
  }
  if (!Number.isSafeInteger(cp.size) || cp.size < 0)
    throw new TranslogError('CHECKPOINT_MALFORMED', 'bad size');
  if (cp.rootHash.length !== HASH_SIZE)
    throw new TranslogError('CHECKPOINT_MALFORMED', 'root hash is 32 bytes');
  const ext = cp.extensions ?? [];
  if (ext.some((l) => l.length === 0 || l.includes('\n'))) {
    throw new TranslogError('CHECKPOINT_MALFORMED', 'extension lines must be non-empty single lines');
  }
  return [cp.origin, String(cp.size), toBase64(cp.rootHash), ...ext].map((l) => `${l}\n`).join('');
}

/** Parses checkpoint note text strictly (no leading zeros, canonical base64, 32-byte root). */
export function parseCheckpoint(text: string): Checkpoint {
  const bad = (why: string): never => {
    throw new TranslogError('CHECKPOINT_MALFORMED', `checkpoint: ${why}`);
  };
  if (!text.endsWith('\n')) bad('text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) bad('needs origin, size and root hash lines');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) bad('empty origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) bad('size must be decimal without leading zeros');
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) bad('size is too large');
  let rootHash: Uint8Array = new Uint8Array();
  try {
    rootHash = fromBase64(rootLine);
  } catch {
    bad('root hash is not base64');
  }
  if (rootHash.length !== HASH_SIZE) bad('root hash must be 32 bytes');
  if (extensions.some((l) => l.length === 0)) bad('empty extension line');
  return extensions.length > 0 ? { origin, size, rootHash, extensions } : { origin, size, rootHash };
}

/**
 * Signs a checkpoint with the log key and returns the signed note.
 * @example signCheckpoint({ origin, size: tree.size, rootHash: tree.root() }, createNoteSigner(origin, logKey))
 */
export function signCheckpoint(cp: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(cp), [signer]);
}

export interface VerifiedCheckpoint {
  checkpoint: Checkpoint;
  note: OpenedNote;
}

/**
 * Verifies the log's signature on a checkpoint note and parses it. The origin must equal
 * `origin` (default: the log key's name). Other signatures (cosignatures) are left unverified
 * in `note.unknown`; use `checkQuorum` for them.
 */
export function openCheckpoint(
  note: string,
  logVerifier: NoteVerifier,
  origin = logVerifier.name,
): VerifiedCheckpoint {
  const opened = openNote(note, [logVerifier]);
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== origin) {
    throw new TranslogError(
      'CHECKPOINT_ORIGIN_MISMATCH',
      `checkpoint is for log ${checkpoint.origin}, not ${origin}`,
    );
  }
  return { checkpoint, note: opened };
}
