import { bytesEqual, fromBase64, toBase64 } from './bytes.ts';
import { openCheckpoint, type Checkpoint } from './checkpoint.ts';
import { TranslogError } from './errors.ts';
import { verifyConsistency } from './merkle.ts';
import { formatNote, formatSignatureLine, type NoteSigner, type NoteVerifier } from './note.ts';

/** What a witness must keep durably: the last checkpoint it cosigned for one log. */
export interface WitnessState {
  origin: string;
  size: number;
  /** Base64 root hash, as in the checkpoint. */
  rootHash: string;
}

export interface WitnessConfig {
  /** The log's origin line; checkpoints of any other log are refused. */
  origin: string;
  /** The log operator's checkpoint key (type 0x01). */
  logVerifier: NoteVerifier;
  /** This witness's cosigner (type 0x04), e.g. from `createCosigner`. */
  cosigner: NoteSigner;
}

export interface WitnessRequest {
  /** The new checkpoint as a signed note. */
  checkpoint: string;
  /** Consistency proof from the witness's last cosigned size to the new size. */
  proof: readonly Uint8Array[];
  /** The size the log believes the witness last cosigned (tlog-witness `old`); checked when given. */
  oldSize?: number;
}

export interface WitnessResult {
  /** The state to persist durably BEFORE the cosignature is released. */
  state: WitnessState;
  /** The cosignature line (`— name base64…\n`). */
  cosignature: string;
  /** The checkpoint note with the cosignature appended. */
  note: string;
  checkpoint: Checkpoint;
}

/**
 * The witness as a pure state machine: checks the log's signature, that the new checkpoint is a
 * consistent extension of the last one this witness cosigned, and cosigns it. Refuses with a
 * coded TranslogError: WITNESS_FORK (same size, different root), WITNESS_INCONSISTENT (the
 * proof does not show the old tree inside the new one), WITNESS_ROLLBACK (smaller than already
 * cosigned), WITNESS_OLD_SIZE_MISMATCH (the log assumed another state; `details.size` says which),
 * and the note and checkpoint errors. With no state yet, the first checkpoint is trusted on
 * first use.
 *
 * @example
 * const { state: next, note } = witnessCheckpoint(config, state, { checkpoint, proof, oldSize: state.size });
 * await saveDurably(next); // only then hand `note` back
 */
export function witnessCheckpoint(
  config: WitnessConfig,
  state: WitnessState | null,
  request: WitnessRequest,
): WitnessResult {
  const { checkpoint, note } = openCheckpoint(request.checkpoint, config.logVerifier, config.origin);
  const known = state ?? { origin: config.origin, size: 0, rootHash: '' };
  if (known.origin !== config.origin) {
    throw new TranslogError('CHECKPOINT_ORIGIN_MISMATCH', 'witness state belongs to another log');
  }
  const details = { origin: config.origin, cosignedSize: known.size, newSize: checkpoint.size };
  if (request.oldSize !== undefined && request.oldSize !== known.size) {
    throw new TranslogError('WITNESS_OLD_SIZE_MISMATCH', `witness last cosigned size ${known.size}`, {
      ...details,
      size: known.size,
    });
  }
  if (checkpoint.size < known.size) {
    throw new TranslogError(
      'WITNESS_ROLLBACK',
      `checkpoint size ${checkpoint.size} is below cosigned ${known.size}`,
      details,
    );
  }
  if (known.size > 0 && checkpoint.size === known.size) {
    if (!bytesEqual(fromBase64(known.rootHash), checkpoint.rootHash)) {
      throw new TranslogError(
        'WITNESS_FORK',
        `two different trees of size ${known.size}: refusing a fork`,
        details,
      );
    }
  } else if (known.size > 0) {
    const ok = verifyConsistency(
      known.size,
      checkpoint.size,
      fromBase64(known.rootHash),
      checkpoint.rootHash,
      request.proof,
    );
    if (!ok) {
      throw new TranslogError(
        'WITNESS_INCONSISTENT',
        `checkpoint of size ${checkpoint.size} does not extend the cosigned tree of size ${known.size}: refusing a fork`,
        details,
      );
    }
  }
  const cosig = {
    name: config.cosigner.name,
    keyId: config.cosigner.keyId,
    signature: config.cosigner.sign(note.text),
  };
  const others = note.signatures.filter((s) => !(s.name === cosig.name && s.keyId === cosig.keyId));
  return {
    state: { origin: config.origin, size: checkpoint.size, rootHash: toBase64(checkpoint.rootHash) },
    cosignature: formatSignatureLine(cosig),
    note: formatNote({ text: note.text, signatures: [...others, cosig] }),
    checkpoint,
  };
}
