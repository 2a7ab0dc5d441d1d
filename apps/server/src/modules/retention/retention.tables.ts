import type { ColumnType, Generated } from 'kysely';

// Row types of the retention tables; migrations/0022-retention.ts is the truth.
type Json<T> = ColumnType<T, string, string>;

export const ruleKinds = ['closed-case-sensitive', 'closed-request-contact', 'closed-dossier-sensitive', 'media-of-closed'] as const;
export type RuleKind = (typeof ruleKinds)[number];

export interface RetentionRuleTable {
  party_id: string;
  kind: RuleKind;
  months: number;
  updated_by: string | null;
  updated_at: Date;
}

export interface RetentionMinimisedTable {
  record_type: string;
  record_id: string;
  party_id: string;
  rule: RuleKind;
  fields: string[];
  minimised_at: Date;
  run_id: string | null;
}

/** Per rule: what it minimised in one run. Counts and field names only. */
export interface RuleResult {
  kind: RuleKind;
  months: number;
  /** Records closed at or before this instant were due. */
  cutoff: string;
  rows: number;
  fields: number;
  /** `<table>.<field>` → how many rows had that field minimised. */
  byField: Record<string, number>;
  /** media-of-closed: blobs whose key was destroyed but which the store did not delete (unreadable ciphertext left behind). */
  blobsLeft?: number;
}

export interface RetentionRunTable {
  id: Generated<string>;
  run_id: string;
  party_id: string;
  status: 'completed' | 'failed';
  started_at: Date;
  finished_at: Date;
  results: Json<RuleResult[]>;
}

export interface RetentionTables {
  retention_rule: RetentionRuleTable;
  retention_minimised: RetentionMinimisedTable;
  retention_run: RetentionRunTable;
}
