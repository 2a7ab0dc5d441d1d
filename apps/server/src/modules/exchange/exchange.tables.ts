import type { ColumnType, Generated, Selectable } from 'kysely';

// Row types of the exchange tables; migrations/0014-exchange.ts is the truth.

type Json<T> = ColumnType<T, string, string>;
export type ExchangeSubject = 'dossier' | 'tracing_request';

export interface PartyEncryptionKeyTable {
  key_id: string;
  party_id: string;
  public_key: string;
  sealed_private_key: Json<unknown> | null;
  created_at: Date;
  revoked_at: Date | null;
  revocation_reason: string | null;
}

export interface ExchangePartnerTable {
  party_id: string;
  card_sha256: string;
  registered_at: Date;
  updated_at: Date;
}

export interface ExchangeBundleTable {
  id: string;
  direction: 'sent' | 'received';
  sender_party_id: string;
  recipient_party_id: string;
  sequence: number;
  since: Date | null;
  created_at: Date;
  processed_at: Date;
  sha256: string;
  size: number;
  counts: Json<Record<string, number>>;
  /** The import report (received bundles only): what a repeated import answers with. */
  report: Json<unknown> | null;
  log_index: number;
  processed_by: string | null;
}

export interface ExchangeCopyTable {
  subject_type: ExchangeSubject;
  party_id: string;
  source_id: string;
  subject_id: string;
  content_sha256: string;
  local_version: number;
  bundle_id: string;
  updated_at: Date;
}

export interface ExchangeRecordTable {
  bundle_id: string;
  subject_type: ExchangeSubject;
  source_id: string;
  subject_id: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'conflict';
  content_sha256: string;
}

export interface ExchangeConflictTable {
  id: Generated<string>;
  bundle_id: string;
  recipient_party_id: string;
  party_id: string;
  subject_type: ExchangeSubject;
  subject_id: string;
  source_id: string;
  incoming: Json<unknown>;
  incoming_sha256: string;
  local_version: number;
  status: Generated<'open' | 'resolved'>;
  resolution: 'kept-local' | 'took-incoming' | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: Date;
}

export interface ExchangeAttestationTable {
  party_id: string;
  remote_id: string;
  bundle_id: string;
  dossier_id: string;
  claim: string;
  decision: string;
  key_id: string;
  signed_at: Date;
  envelope: Json<unknown>;
  signature_valid: boolean;
}

export interface ExchangeCaseEventTable {
  party_id: string;
  remote_event_id: number;
  bundle_id: string;
  remote_case_id: string;
  dossier_id: string | null;
  request_id: string | null;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  at: Date;
}

export interface ExchangeTables {
  party_encryption_key: PartyEncryptionKeyTable;
  exchange_partner: ExchangePartnerTable;
  exchange_bundle: ExchangeBundleTable;
  exchange_copy: ExchangeCopyTable;
  exchange_record: ExchangeRecordTable;
  exchange_conflict: ExchangeConflictTable;
  exchange_attestation: ExchangeAttestationTable;
  exchange_case_event: ExchangeCaseEventTable;
}

export type EncryptionKeyRow = Selectable<PartyEncryptionKeyTable>;
export type ExchangeBundleRow = Selectable<ExchangeBundleTable>;
export type ExchangeConflictRow = Selectable<ExchangeConflictTable>;
