import type { ErasureInput } from '@homeward/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';

// Row types of the erasure tombstone; migrations/0025-erasure.ts is the truth.
type Json<T> = ColumnType<T, string, string>;

export type ErasureReasonCode = ErasureInput['reasonCode'];
export type ErasureSubjectType = ErasureInput['subjectType'];

/** `<table>.<field>` → how many rows had that field erased. Names and counts, never a value. */
export type ErasureSummary = Record<string, number>;

export interface ErasureTable {
  id: Generated<string>;
  subject_type: ErasureSubjectType;
  subject_id: string;
  party_id: string;
  reason_code: ErasureReasonCode;
  legal_reference: string | null;
  requested_by: string | null;
  erased_by: string | null;
  approval_id: string | null;
  erased_at: Date;
  log_index: number;
  summary: Json<ErasureSummary>;
}

export interface ErasureTables {
  erasure: ErasureTable;
}

export type ErasureRow = Selectable<ErasureTable>;
