import { isMediaError, type MediaErrorCode } from '@homeward/media';
import { AppError, type ErrorCode } from '../../errors.ts';

const codeOf: Record<MediaErrorCode, ErrorCode> = {
  EMPTY_FILE: 'EMPTY_FILE',
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  UNSUPPORTED_TYPE: 'UNSUPPORTED_FILE_TYPE',
  IMAGE_CORRUPT: 'IMAGE_CORRUPT',
  IMAGE_TOO_LARGE_PIXELS: 'IMAGE_TOO_LARGE_PIXELS',
  PDF_MALFORMED: 'PDF_MALFORMED',
  PDF_ENCRYPTED: 'PDF_ENCRYPTED',
  PDF_ACTIVE_CONTENT: 'PDF_ACTIVE_CONTENT',
  UPLOAD_INTERRUPTED: 'UPLOAD_INTERRUPTED',
  STORAGE_FULL: 'STORAGE_FULL',
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
  STORAGE_WRITE_FAILED: 'STORAGE_UNAVAILABLE',
  BLOB_NOT_FOUND: 'MEDIA_INTEGRITY_FAILED',
  BLOB_TAMPERED: 'MEDIA_INTEGRITY_FAILED',
  INVALID_BLOB_ID: 'MEDIA_INTEGRITY_FAILED',
  KEY_NOT_FOUND: 'MEDIA_KEY_MISSING',
  KEY_INVALID: 'MEDIA_KEY_MISSING',
};

const operatorMessages: Partial<Record<ErrorCode, string>> = {
  MEDIA_INTEGRITY_FAILED: 'The stored file is missing or failed its integrity check; an operator has to look at it.',
  MEDIA_KEY_MISSING: 'The key that opens this file is not configured on this server.',
};

/**
 * Turns a `MediaError` into the server's `AppError` with a stable code. Upload refusals keep the
 * library's message (written for the uploader, never quoting file contents); operator failures get
 * a message without key ids or store internals.
 */
export function toAppError(error: unknown): unknown {
  if (!isMediaError(error)) return error;
  const code = codeOf[error.code];
  return new AppError(code, operatorMessages[code] ?? error.message);
}

/** Runs `fn`, rethrowing media failures as AppErrors. */
export async function mapMediaErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toAppError(error);
  }
}
