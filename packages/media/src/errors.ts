/**
 * Every refusal and failure in `@homeward/media` is a {@link MediaError} with a stable `code`, so the server
 * can map it to HTTP in one place and clients can show a translated message. Messages are written for the
 * person who uploaded the file and never contain file contents.
 */
export const MEDIA_ERROR_CODES = [
  // Upload refusals (the user can fix these by sending another file): HTTP 4xx.
  'EMPTY_FILE',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'IMAGE_CORRUPT',
  'IMAGE_TOO_LARGE_PIXELS',
  'PDF_MALFORMED',
  'PDF_ENCRYPTED',
  'PDF_ACTIVE_CONTENT',
  'UPLOAD_INTERRUPTED',
  // Storage and integrity failures (operator problems): HTTP 5xx.
  'BLOB_NOT_FOUND',
  'BLOB_TAMPERED',
  'KEY_NOT_FOUND',
  'KEY_INVALID',
  'STORAGE_FULL',
  'STORAGE_WRITE_FAILED',
  'STORAGE_UNAVAILABLE',
  'INVALID_BLOB_ID',
] as const;

export type MediaErrorCode = (typeof MEDIA_ERROR_CODES)[number];

/**
 * The one error type of this package.
 *
 * @example
 * try { await ingestUpload({ bytes, maxBytes, kind: 'photo' }); }
 * catch (e) { if (isMediaError(e) && e.code === 'UNSUPPORTED_TYPE') reply(415, e.code, e.message); }
 */
export class MediaError extends Error {
  override readonly name = 'MediaError';
  readonly code: MediaErrorCode;

  constructor(code: MediaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** True when `value` is a {@link MediaError} (optionally with the given code). */
export function isMediaError(value: unknown, code?: MediaErrorCode): value is MediaError {
  return value instanceof MediaError && (code === undefined || value.code === code);
}
