const strings = {
  EMPTY_FILE: 'The file is empty; nothing was stored.',
  UPLOAD_INTERRUPTED: 'The upload was interrupted before it finished; nothing was stored. Try again.',
  FILE_TOO_LARGE: 'The file is too large; nothing was stored.',
  UNSUPPORTED_FILE_TYPE:
    'This kind of file is not accepted. Use a JPEG, PNG, WebP, HEIC or TIFF photo, or a PDF document.',
  UNSUPPORTED_MEDIA_TYPE: 'The file could not be sent as it is. Choose the file again.',
  IMAGE_CORRUPT: 'The image is damaged and cannot be read.',
  IMAGE_TOO_LARGE_PIXELS: 'The image has too many pixels. Reduce its size and try again.',
  PDF_MALFORMED: 'The PDF document is damaged.',
  PDF_ENCRYPTED: 'The PDF document is password-protected. Send it without a password.',
  PDF_ACTIVE_CONTENT: 'The PDF document contains scripts or active content and is refused.',
  MEDIA_INTEGRITY_FAILED:
    'The stored file is missing or failed its integrity check. Tell your administrator.',
  MEDIA_KEY_MISSING:
    'The key that opens this file is not configured on this server. Tell your administrator.',
  STORAGE_UNAVAILABLE: 'File storage is not available right now. Try again later.',
  STORAGE_FULL: 'File storage is full. Tell your administrator.',
  CONSENT_WITHDRAWN: 'Consent for this has been withdrawn.',
  CLAIM_UNKNOWN: 'This claim is not defined for this kind of record.',
  KEY_NOT_FOUND: 'Your organisation has no signing key. An administrator must register one first.',
  KEY_NOT_VALID: 'Your organisation’s signing key is not valid now (expired or revoked).',
  ATTESTATION_SUBJECT_NOT_READY:
    'This record cannot be attested yet (for a handover: nothing has been recorded by your side).',
  USER_NOT_FOUND: 'No such user in your organisation.',
  SAME_PERSON: 'The second approval must come from a different person.',
  NOT_ELIGIBLE_SECOND: 'You may not give the second approval for this.',
  APPROVAL_NOT_PENDING: 'This approval has already been answered.',
  APPROVAL_EXPIRED: 'This approval has expired.',
  APPROVAL_CHANGED: 'What is to be approved has changed. Reload and read it again.',
  CONTACT_CASE_NOT_ACTIVE: 'Contact is kept only while a case is active (from located to in transit).',
  CONTACT_PLAN_NOT_ACTIVE:
    'The contact plan is not active. Resume it, or make a new plan if it was cancelled.',
  CONTACT_ALREADY_RECORDED: 'This contact has already been recorded. Reload to see the record.',
  MESSAGE_SELF_REVIEW: 'A message must be reviewed by someone other than the officer who relayed it.',
  MESSAGE_ALREADY_REVIEWED: 'Someone has already reviewed this message. Reload to see their decision.',
  PLAN_CASE_NOT_READY: 'A reunification plan can be drawn up only for a case in contact.',
  PLAN_EXISTS: 'This case already has a reunification plan. Reload to see it.',
  PLAN_LOCKED: 'A plan that has started, completed or been withdrawn can no longer be changed.',
  PLAN_ALREADY_APPROVED: 'Your side has already approved this plan.',
  PLAN_NOT_APPROVED: 'Both sides must approve the plan first.',
  PLAN_NOT_STARTED: 'The journey has not started yet: start the plan first.',
  PLAN_DOCUMENTS_MISSING: 'Some required documents are not ticked as done yet.',
  HANDOVER_ALREADY_CONFIRMED: 'Your side has already recorded the handover.',
  WELFARE_CHECK_RECORDED: 'This welfare check has already been recorded.',
  WELFARE_CHECKS_PENDING: 'The case can be closed only when every welfare check is recorded.',
  NOT_YET_ADULT:
    'The young person is not yet surely 18: their own consent cannot be recorded yet. Establish the birth date first.',
  AGE_OUT_CLOSED: 'This entry is resolved or has left the queue: nothing more can be recorded.',
  AGE_OUT_CONSENT_REQUIRED: 'This outcome must follow the young person’s own recorded decision.',
  title: 'Something went wrong',
  VALIDATION_FAILED: 'Some of the information entered is not valid. Please check the fields marked below.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  CSRF_REJECTED: 'For your security this page must be refreshed. Reload the page and try again.',
  VERSION_CONFLICT:
    'Someone else changed this record while you were working on it. Reload it to see their changes, then make yours again.',
  NOT_FOUND: 'This record does not exist, or you are not allowed to see it.',
  FORBIDDEN: 'Your role does not allow this action. Ask your administrator if you need it.',
  INVALID_CREDENTIALS: 'The e-mail address or password is wrong.',
  TWO_FACTOR_REQUIRED: 'Enter the 6-digit code from your authenticator app.',
  TWO_FACTOR_INVALID:
    'That code is not right or was already used. Wait for the next code in the app and try again.',
  TWO_FACTOR_ENROLMENT_REQUIRED: 'Set up two-step verification before you continue.',
  TWO_FACTOR_ALREADY_ENABLED:
    'Two-step verification is already set up for this account. If you lost your phone, ask your administrator to reset it.',
  ACCOUNT_LOCKED:
    'This account is locked after too many failed attempts. Wait a while or ask your administrator.',
  RATE_LIMITED: 'Too many requests in a short time. Wait a minute and try again.',
  PAYLOAD_TOO_LARGE: 'What you sent is too large.',
  INVALID_CURSOR: 'The list changed while you were reading it. Start the search again.',
  ALREADY_EXISTS: 'This record already exists.',
  DATABASE_UNAVAILABLE: 'The database cannot be reached right now. Try again in a few minutes.',
  INTERNAL:
    'Something went wrong on the server. Try again; if it keeps happening, tell your administrator.',
  INTERNAL_REF:
    'Something went wrong on the server. Try again; if it keeps happening, tell your administrator and quote reference {{ref}}.',
  NETWORK: 'Homeward cannot be reached. Check your connection and try again.',
  INVALID_TRANSITION:
    'This step is not possible from the current state: someone may have acted first. Reload to see where things stand.',
  MATCH_NOT_CONFIRMED: 'A case can only be opened for a confirmed match.',
  MATCH_NOT_REQUEST_DOSSIER:
    'A case links a tracing request with a dossier; two dossiers of the same child are merged instead.',
  unknown: 'Something unexpected went wrong. Try again.',
  retry: 'Try again',
  reload: 'Reload the page',
  pageNotFound: 'There is no such page.',
};

export default strings;
