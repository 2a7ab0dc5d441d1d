/**
 * Stable error codes of the transparency log. The server maps them to HTTP in one place; a CLI
 * prints `code: message`. Messages never contain personal data: only sizes, indexes, key names.
 */
export type TranslogErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_PROOF'
  | 'NOTE_MALFORMED'
  | 'NOTE_UNVERIFIED'
  | 'NOTE_SIGNATURE_INVALID'
  | 'VKEY_MALFORMED'
  | 'CHECKPOINT_MALFORMED'
  | 'CHECKPOINT_ORIGIN_MISMATCH'
  | 'WITNESS_FORK'
  | 'WITNESS_ROLLBACK'
  | 'WITNESS_OLD_SIZE_MISMATCH'
  | 'WITNESS_INCONSISTENT'
  | 'PERSONAL_DATA_REFUSED'
  | 'ENVELOPE_MALFORMED'
  | 'KEY_MALFORMED'
  | 'KEY_DECRYPT_FAILED';

/** One error type with a machine-readable `code` and optional non-personal `details`. */
export class TranslogError extends Error {
  readonly code: TranslogErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: TranslogErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'TranslogError';
    this.code = code;
    this.details = details;
  }
}

/** True when `err` is a TranslogError, optionally with the given code. */
export function isTranslogError(err: unknown, code?: TranslogErrorCode): err is TranslogError {
  return err instanceof TranslogError && (code === undefined || err.code === code);
}
