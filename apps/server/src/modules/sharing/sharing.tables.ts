import type { ColumnType, Generated, Selectable } from 'kysely';

// Tables of the sharing module (migration 0019-sharing).

export interface SharingPolicyTable {
  id: Generated<string>;
  version: string;
  /** Hex SHA-256 of the RFC 8785 canonical JSON of the document: what parties sign. */
  sha256: string;
  document: ColumnType<unknown, string, string>;
  /** proposed → active → superseded */
  status: string;
  proposed_by: string | null;
  proposed_party_id: string;
  proposed_at: Date;
  activated_at: Date | null;
}

export interface SharingPolicyAgreementTable {
  policy_id: string;
  party_id: string;
  key_id: string;
  /** Base64 Ed25519 signature over "homeward-sharing-policy/v1\n" ‖ sha256 (hex). */
  signature: string;
  agreed_by: string | null;
  agreed_at: Date;
}

/** The filing party's choice of what each other party (code or kind) sees of a request. */
export interface RequestDisclosureTable {
  request_id: string;
  choices: ColumnType<unknown, string, string>;
  updated_by: string | null;
  updated_at: Date;
}

export interface SharingTables {
  sharing_policy: SharingPolicyTable;
  sharing_policy_agreement: SharingPolicyAgreementTable;
  request_disclosure: RequestDisclosureTable;
}

export type SharingPolicyRow = Selectable<SharingPolicyTable>;
export type SharingPolicyAgreementRow = Selectable<SharingPolicyAgreementTable>;
