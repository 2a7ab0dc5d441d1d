/** Codes of the standalone verifier's findings; stable, so tools and tests can match on them. */
export type FindingCode =
  | 'ENTRY_INDEX_MISMATCH'
  | 'ENTRY_ALTERED'
  | 'ENTRY_MALFORMED'
  | 'ENTRY_PERSONAL_DATA'
  | 'ENTRY_DUPLICATE'
  | 'NO_CHECKPOINT'
  | 'CHECKPOINT_INVALID'
  | 'LOG_FORK'
  | 'ENTRIES_MISSING'
  | 'ROOT_MISMATCH'
  | 'UNCHECKPOINTED_ENTRIES'
  | 'QUORUM_NOT_MET'
  | 'CHECKPOINT_STALE'
  | 'WITNESS_SIGNATURE_INVALID'
  | 'CHECKPOINT_AWAITING_WITNESSES'
  | 'ATTESTATION_AWAITING_WITNESSES'
  | 'LOG_SHRANK'
  | 'LOG_REWRITTEN'
  | 'LOG_GREW'
  | 'KEY_REGISTRATION_CONFLICT'
  | 'KEY_MISMATCH'
  | 'KEY_NOT_IN_LOG'
  | 'KEY_REGISTRY_ABSENT'
  | 'KEY_NOT_REGISTERED'
  | 'ATTESTATION_ENVELOPE_MISSING'
  | 'ATTESTATION_ENVELOPE_ALTERED'
  | 'ATTESTATION_ENTRY_MISMATCH'
  | 'ATTESTATION_TIME_AFTER_LOGGING'
  | 'STATEMENT_MALFORMED'
  | 'SIGNATURE_INVALID'
  | 'WRONG_PARTY_KEY'
  | 'KEY_NOT_VALID_AT_SIGNING'
  | 'KEY_REVOKED'
  | 'STALE_CONTENT'
  | 'SUBJECT_ERASED'
  | 'ENVELOPE_NOT_IN_LOG';

/** One thing the verifier found, in words an official can act on. */
export interface Finding {
  severity: 'error' | 'warning' | 'info';
  code: FindingCode;
  message: string;
  /** The log position concerned, when one is. */
  entryIndex?: number;
  /** The checkpoint size concerned, when one is. */
  checkpointSize?: number;
}

/** Collects findings in order. */
export class Findings {
  readonly list: Finding[] = [];

  add(severity: Finding['severity'], code: FindingCode, message: string, at: Partial<Finding> = {}): void {
    this.list.push({ severity, code, message, ...at });
  }

  error(code: FindingCode, message: string, at: Partial<Finding> = {}): void {
    this.add('error', code, message, at);
  }

  warn(code: FindingCode, message: string, at: Partial<Finding> = {}): void {
    this.add('warning', code, message, at);
  }

  info(code: FindingCode, message: string, at: Partial<Finding> = {}): void {
    this.add('info', code, message, at);
  }

  get hasErrors(): boolean {
    return this.list.some((f) => f.severity === 'error');
  }
}
