/**
 * Turns API errors (and Zod issues from client-side validation) into translation keys, so a
 * caseworker reads "This date is in the future" rather than "VALIDATION_FAILED".
 */
import { ApiError, type ApiIssue } from './client.ts';

/** Error codes the API sends that have their own translated explanation. */
export const knownErrorCodes = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'CSRF_REJECTED',
  'VERSION_CONFLICT',
  'NOT_FOUND',
  'FORBIDDEN',
  'INVALID_CREDENTIALS',
  'TWO_FACTOR_REQUIRED',
  'TWO_FACTOR_INVALID',
  'TWO_FACTOR_ENROLMENT_REQUIRED',
  'TWO_FACTOR_ALREADY_ENABLED',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'INVALID_CURSOR',
  'INVALID_TRANSITION',
  'MATCH_NOT_CONFIRMED',
  'MATCH_NOT_REQUEST_DOSSIER',
  'ALREADY_EXISTS',
  'CONTACT_CASE_NOT_ACTIVE',
  'CONTACT_PLAN_NOT_ACTIVE',
  'CONTACT_ALREADY_RECORDED',
  'MESSAGE_SELF_REVIEW',
  'MESSAGE_ALREADY_REVIEWED',
  'PLAN_CASE_NOT_READY',
  'PLAN_EXISTS',
  'PLAN_LOCKED',
  'PLAN_ALREADY_APPROVED',
  'PLAN_NOT_APPROVED',
  'PLAN_NOT_STARTED',
  'PLAN_DOCUMENTS_MISSING',
  'HANDOVER_ALREADY_CONFIRMED',
  'WELFARE_CHECK_RECORDED',
  'WELFARE_CHECKS_PENDING',
  'NOT_YET_ADULT',
  'AGE_OUT_CLOSED',
  'AGE_OUT_CONSENT_REQUIRED',
  'EMPTY_FILE',
  'UPLOAD_INTERRUPTED',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FILE_TYPE',
  'UNSUPPORTED_MEDIA_TYPE',
  'IMAGE_CORRUPT',
  'IMAGE_TOO_LARGE_PIXELS',
  'PDF_MALFORMED',
  'PDF_ENCRYPTED',
  'PDF_ACTIVE_CONTENT',
  'MEDIA_INTEGRITY_FAILED',
  'MEDIA_KEY_MISSING',
  'STORAGE_UNAVAILABLE',
  'STORAGE_FULL',
  'CONSENT_WITHDRAWN',
  'CLAIM_UNKNOWN',
  'KEY_NOT_FOUND',
  'KEY_NOT_VALID',
  'ATTESTATION_SUBJECT_NOT_READY',
  'USER_NOT_FOUND',
  'SAME_PERSON',
  'NOT_ELIGIBLE_SECOND',
  'APPROVAL_NOT_PENDING',
  'APPROVAL_EXPIRED',
  'APPROVAL_CHANGED',
  'USER_SELF_CHANGE',
  'USER_DISABLED',
  'USER_ROLE_ALREADY_HELD',
  'USER_ROLE_NOT_HELD',
  'USER_LAST_ADMINISTRATOR',
  'USER_TWO_FACTOR_NOT_ENROLLED',
  'EXPORT_EXPIRED',
  'CONSENT_REQUIRED',
  'CONSENT_LAPSED',
  'RECORD_ERASED',
  'IMPORT_COLUMNS_INVALID',
  'IMPORT_FILE_UNREADABLE',
  'IMPORT_NO_DATA',
  'IMPORT_XML_MALFORMED',
  'IMPORT_XML_DTD_REFUSED',
  'IMPORT_NOT_PFIF',
  'DATABASE_UNAVAILABLE',
  'INTERNAL',
  'NETWORK',
] as const;
export type KnownErrorCode = (typeof knownErrorCodes)[number];

export type Translated = { key: string; values?: Record<string, string | number> };

export function errorKey(error: unknown): Translated {
  if (error instanceof ApiError) {
    const code = (knownErrorCodes as readonly string[]).includes(error.code)
      ? error.code
      : error.status >= 500
        ? 'INTERNAL'
        : 'unknown';
    if (code === 'INTERNAL') {
      const ref = /Reference: ([\w.-]*[\w-])/.exec(error.message)?.[1];
      return ref ? { key: 'errors.INTERNAL_REF', values: { ref } } : { key: 'errors.INTERNAL' };
    }
    return { key: `errors.${code}` };
  }
  return { key: 'errors.unknown' };
}

/** The API reports body fields as 'body.sought.birthDate' or 'sought.birthDate': one form. */
export function normalizePath(path: string): string {
  return path.replace(/^body\./, '').replace(/^body$/, '');
}

const exactMessages: Record<string, string> = {
  'is in the future': 'issues.future',
  'is before the birth date': 'issues.beforeBirth',
  'must be YYYY, YYYY-MM or YYYY-MM-DD': 'issues.partialDateFormat',
  'must be YYYY-MM-DD': 'issues.calendarDateFormat',
  'is not a real calendar date': 'issues.notRealDate',
  'must be a phone number': 'issues.phone',
};

/** Maps one issue message (Zod's English, or the API's rule text) to a translation. */
export function issueKey(message: string): Translated {
  const exact = exactMessages[message];
  if (exact) return { key: exact };
  if (/^Too small: expected string/.test(message)) return { key: 'issues.required' };
  if (/^Too small: expected array/.test(message)) return { key: 'issues.atLeastOne' };
  const tooBig = /^Too big: expected string to have <=?(\d+)/.exec(message);
  if (tooBig) return { key: 'issues.tooLong', values: { max: Number(tooBig[1]) } };
  if (/^Too (big|small): expected number/.test(message)) return { key: 'issues.outOfRange' };
  if (/^Invalid email/i.test(message)) return { key: 'issues.email' };
  if (/^Invalid option/.test(message)) return { key: 'issues.choose' };
  if (/^Invalid input: expected \w+, received undefined/.test(message)) return { key: 'issues.required' };
  return { key: 'issues.invalid' };
}

/** Field label keys for issue paths; the last named segment decides ('sought.names.0.givenName' → givenName). */
const fieldLabels: Record<string, string> = {
  givenName: 'fields.givenName',
  familyName: 'fields.familyName',
  patronymic: 'fields.patronymic',
  birthDate: 'fields.birthDate',
  birthPlace: 'fields.birthPlace',
  'displacement.date': 'fields.displacementDate',
  'displacement.place': 'fields.displacementPlace',
  lastKnownPlace: 'fields.lastKnownPlace',
  'requester.name': 'fields.requesterName',
  relationship: 'fields.relationship',
  phone: 'fields.phone',
  email: 'fields.email',
  address: 'fields.address',
  password: 'fields.password',
  filedOn: 'fields.filedOn',
  sex: 'fields.sex',
  holdingSupervisorId: 'fields.holdingSupervisorId',
  familySupervisorId: 'fields.familySupervisorId',
  intervalDays: 'fields.intervalDays',
  preferredWeekday: 'fields.preferredWeekday',
  preferredTime: 'fields.preferredTime',
  startsOn: 'fields.startsOn',
  durationMinutes: 'fields.durationMinutes',
  heldAt: 'fields.heldAt',
  route: 'fields.route',
  escort: 'fields.escort',
  handoverPoint: 'fields.handoverPoint',
  handoverAt: 'fields.handoverAt',
  'receivingAdult.name': 'fields.receivingAdult',
  handedOverAt: 'fields.handedOverAt',
  welfareCheckOffsets: 'fields.welfareCheckOffsets',
  documents: 'fields.documents',
  reason: 'fields.reason',
  name: 'fields.name',
  url: 'fields.url',
  permissions: 'fields.permissions',
  actorUserId: 'fields.actorUserId',
  recordId: 'fields.recordId',
};

export function fieldLabelKey(path: string): string | null {
  const p = normalizePath(path);
  for (const [suffix, key] of Object.entries(fieldLabels)) {
    if (p === suffix || p.endsWith(`.${suffix}`)) return key;
  }
  return null;
}

/** Zod issues (client side) in the API's shape, so both go through the same translation. */
export function fromZodIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): ApiIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Issues keyed by normalized path (first issue per path wins). */
export function issuesByPath(issues: ApiIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const p = normalizePath(i.path);
    if (!(p in out)) out[p] = i.message;
  }
  return out;
}
