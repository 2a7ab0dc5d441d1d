/**
 * The one error type. Every refusal a caller can see carries a stable machine-readable code
 * and a human message that never contains personal data or internals. HTTP status is derived
 * from the code in one place (http/error-handler.ts).
 */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_CURSOR: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  TWO_FACTOR_REQUIRED: 401,
  TWO_FACTOR_INVALID: 401,
  TWO_FACTOR_ENROLMENT_REQUIRED: 403,
  TWO_FACTOR_ALREADY_ENABLED: 409,
  TOKEN_INVALID: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  PARTY_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  KEY_NOT_FOUND: 404,
  CLAIM_UNKNOWN: 400,
  KEY_NOT_VALID: 409,
  LOG_SIZE_UNKNOWN: 400,
  COSIGNATURE_INVALID: 400,
  VERSION_CONFLICT: 409,
  INVALID_TRANSITION: 409,
  ALREADY_EXISTS: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  DATA_DIR_LOCKED: 500,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  // Photos and documents (modules/media/media.errors.ts maps @homeward/media's codes to these).
  EMPTY_FILE: 400,
  UPLOAD_INTERRUPTED: 400,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_FILE_TYPE: 415,
  IMAGE_CORRUPT: 422,
  IMAGE_TOO_LARGE_PIXELS: 422,
  PDF_MALFORMED: 422,
  PDF_ENCRYPTED: 422,
  PDF_ACTIVE_CONTENT: 422,
  MEDIA_INTEGRITY_FAILED: 500,
  MEDIA_KEY_MISSING: 500,
  STORAGE_UNAVAILABLE: 503,
  STORAGE_FULL: 507,
  // Cases (add this module's codes below this line)
  MATCH_NOT_CONFIRMED: 409,
  MATCH_NOT_REQUEST_DOSSIER: 409,
  WELFARE_CHECKS_PENDING: 409,
  // Contact plans and messages (add this module's codes below this line)
  CONTACT_CASE_NOT_ACTIVE: 409,
  CONTACT_PLAN_NOT_ACTIVE: 409,
  CONTACT_ALREADY_RECORDED: 409,
  MESSAGE_ALREADY_REVIEWED: 409,
  MESSAGE_SELF_REVIEW: 403,
  // Reunification (add this module's codes below this line)
  PLAN_CASE_NOT_READY: 409,
  PLAN_EXISTS: 409,
  PLAN_LOCKED: 409,
  PLAN_ALREADY_APPROVED: 409,
  PLAN_NOT_APPROVED: 409,
  PLAN_NOT_STARTED: 409,
  PLAN_DOCUMENTS_MISSING: 409,
  HANDOVER_ALREADY_CONFIRMED: 409,
  WELFARE_CHECK_RECORDED: 409,
  // Age-out (add this module's codes below this line)
  NOT_YET_ADULT: 409,
  AGE_OUT_CLOSED: 409,
  AGE_OUT_CONSENT_REQUIRED: 409,
  // User administration (add this module's codes below this line)
  USER_SELF_CHANGE: 403,
  USER_DISABLED: 409,
  USER_ROLE_ALREADY_HELD: 409,
  USER_ROLE_NOT_HELD: 409,
  USER_LAST_ADMINISTRATOR: 409,
  USER_TWO_FACTOR_NOT_ENROLLED: 409,
  // Erasure, strict consent, guardian consent (add these codes below this line)
  CONSENT_REQUIRED: 409,
  CONSENT_LAPSED: 409,
  RECORD_ERASED: 410,
  // Controlled exports (add this module's codes below this line)
  EXPORT_EXPIRED: 410,
  // Spreadsheets and PFIF (add these codes below this line)
  IMPORT_COLUMNS_INVALID: 422,
  IMPORT_FILE_UNREADABLE: 422,
  IMPORT_NO_DATA: 422,
  IMPORT_XML_MALFORMED: 422,
  IMPORT_XML_DTD_REFUSED: 422,
  IMPORT_NOT_PFIF: 422,
  // Backup and restore
  BACKUP_CORRUPT: 422,
  BACKUP_KEY_MISMATCH: 422,
  BACKUP_VERSION_MISMATCH: 409,
  RESTORE_TARGET_NOT_EMPTY: 409,
  RESTORE_VERIFY_FAILED: 500,
  // Notifications and webhooks (add this module's codes below this line)
  // Dossier merge (add this module's codes below this line)
  MERGE_ALREADY_UNDONE: 409,
  MERGE_DOSSIER_NOT_OPEN: 409,
  MERGE_SURVIVOR_MERGED: 409,
  // Exchange bundles
  BUNDLE_MALFORMED: 422,
  BUNDLE_TRUNCATED: 422,
  BUNDLE_WRONG_RECIPIENT: 422,
  BUNDLE_SIGNER_UNKNOWN: 422,
  BUNDLE_KEY_REVOKED: 422,
  BUNDLE_TAMPERED: 422,
  BUNDLE_DECRYPT_FAILED: 422,
  BUNDLE_REPLAYED: 409,
  PARTY_CARD_INVALID: 422,
  EXCHANGE_PARTNER_UNKNOWN: 404,
  EXCHANGE_CONFLICT_RESOLVED: 409,
  // Consent
  CONSENT_NO_STANDING: 403,
  CONSENT_WITHDRAWN: 409,
  CONSENT_ALREADY_WITHDRAWN: 409,
  CONTACT_SUSPENDED: 409,
  CONTACT_NOT_SUSPENDED: 409,
  SECOND_OFFICER_REQUIRED: 409,
  // Attestation subjects and policies
  ATTESTATION_SUBJECT_NOT_READY: 409,
  CLAIM_SUBJECT_TYPE_FIXED: 409,
  // Witnesses and quorum
  WITNESS_QUORUM_TOO_HIGH: 409,
  // Two-person rule
  SAME_PERSON: 409,
  NOT_ELIGIBLE_SECOND: 403,
  APPROVAL_NOT_PENDING: 409,
  APPROVAL_EXPIRED: 409,
  APPROVAL_CHANGED: 409,
  // Sharing policy
  SHARING_POLICY_NOT_FOUND: 404,
  SHARING_POLICY_PARTY_UNKNOWN: 400,
  SHARING_POLICY_NOT_A_PARTY: 409,
  SHARING_POLICY_NOT_PROPOSED: 409,
  SHARING_POLICY_ALREADY_AGREED: 409,
  SHARING_POLICY_HASH_MISMATCH: 409,
  SHARING_PARTY_KEY_MISSING: 409,
  DISCLOSURE_PARTY_UNKNOWN: 400,
  DISCLOSURE_EXCEEDS_POLICY: 409,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ErrorIssue[];
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, extra: { issues?: ErrorIssue[]; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (extra.issues) this.issues = extra.issues;
    if (extra.details) this.details = extra.details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (code: ErrorCode = 'NOT_FOUND') => new AppError(code, 'Not found.');

export function validationFailed(issues: ErrorIssue[], message = 'The input is not valid.'): AppError {
  return new AppError('VALIDATION_FAILED', message, { issues });
}

/** Converts Zod issues into our stable `{path, message}` list (never echoing the input). */
export function fromZodIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): ErrorIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
