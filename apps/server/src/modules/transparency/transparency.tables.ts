import type { ColumnType, Generated } from 'kysely';
import type { EncryptedPrivateKey } from '@homeward/translog';

// Row types of the transparency tables; migrations/0002-transparency.ts is the truth.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface PartyKeyTable {
  key_id: string;
  party_id: string | null;
  purpose: 'attestation' | 'log' | 'witness';
  name: string | null;
  public_key: string;
  encrypted_private_key: Json<EncryptedPrivateKey | null> | null;
  valid_from: Timestamp;
  valid_until: Timestamp | null;
  revoked_at: Timestamp | null;
  revocation_reason: string | null;
  created_at: Generated<Date>;
}

export interface LogEntryTable {
  idx: number;
  kind: string;
  entry: Json<unknown>;
  leaf_hash: string;
  created_at: Generated<Date>;
}

export interface LogCheckpointTable {
  size: number;
  root_hash: string;
  note: string;
  created_at: Generated<Date>;
}

export interface AttestationTable {
  id: Generated<string>;
  subject_type: 'dossier' | 'case';
  subject_id: string;
  subject_version: number;
  subject_ref: string;
  claim: string;
  decision: string;
  covered_fields: string[];
  subject_commitment: string;
  envelope: Json<unknown>;
  envelope_sha256: string;
  party_id: string;
  signer_user_id: string | null;
  key_id: string;
  signed_at: Timestamp;
  log_index: number;
  created_at: Generated<Date>;
}

export interface AttestationSaltTable {
  attestation_id: string;
  salt: Buffer;
}

export interface VerificationPolicyTable {
  claim: string;
  subject_type: string;
  covered_fields: string[];
  requirements: Json<unknown>;
  updated_at: Generated<Date>;
  /** migrations/0013-attestation-subjects.ts: bumped by each change, which is logged at log_index. */
  version: Generated<number>;
  log_index: number | null;
}

export interface LogCosignatureTable {
  checkpoint_size: number;
  witness_key_id: string;
  signature_line: string;
  cosigned_at: Timestamp;
  created_at: Generated<Date>;
}

export interface WitnessPolicyTable {
  id: Generated<boolean>;
  quorum: number | null;
  max_age_seconds: Generated<number>;
}

export interface TransparencyTables {
  log_cosignature: LogCosignatureTable;
  witness_policy: WitnessPolicyTable;
  party_key: PartyKeyTable;
  log_entry: LogEntryTable;
  log_checkpoint: LogCheckpointTable;
  attestation: AttestationTable;
  attestation_salt: AttestationSaltTable;
  verification_policy: VerificationPolicyTable;
}
