import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ReunificationPlanStatus, ReunificationSide } from '@homeward/contracts';

// Row types of this module's tables; migrations/0008-reunification.ts is the truth.
type Json<T> = ColumnType<T, string, string>;

export interface PlanDocumentItem {
  item: string;
  required: boolean;
  done: boolean;
}

export interface ReceivingAdult {
  name: string;
  relationship: string;
}

export interface ReunificationPlanTable {
  id: Generated<string>;
  case_id: string;
  status: ReunificationPlanStatus;
  route: string;
  escort: string;
  handover_point: string;
  handover_at: Date;
  /** Personal data: returned to the case's two parties (restricted tier), never logged. */
  receiving_adult: Json<ReceivingAdult>;
  documents: Json<PlanDocumentItem[]>;
  welfare_offsets: number[];
  content_salt: Buffer;
  holding_approved_by: string | null;
  holding_approved_at: Date | null;
  holding_approved_hash: string | null;
  family_approved_by: string | null;
  family_approved_at: Date | null;
  family_approved_hash: string | null;
  withdrawn_reason: string | null;
  withdrawn_by: string | null;
  withdrawn_at: Date | null;
  started_by: string | null;
  started_at: Date | null;
  completed_at: Date | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ReunificationHandoverTable {
  plan_id: string;
  side: ReunificationSide;
  handed_over_at: Date;
  notes: string | null;
  /** Sensitive tier. */
  child_wellbeing: string | null;
  record_salt: Buffer;
  record_hash: string;
  log_index: number | null;
  confirmed_by: string | null;
  confirmed_at: Date;
}

export type WelfareStatus = 'scheduled' | 'done' | 'missed';
export type WelfareOutcome = 'well' | 'concerns' | 'urgent';

export interface WelfareCheckTable {
  id: Generated<string>;
  case_id: string;
  plan_id: string;
  offset_days: number;
  /** 'YYYY-MM-DD' */
  due_on: string;
  status: WelfareStatus;
  outcome: WelfareOutcome | null;
  /** Sensitive tier. */
  notes: string | null;
  missed_reason: string | null;
  recorded_by: string | null;
  recorded_at: Date | null;
  overdue_flagged_at: Date | null;
  created_at: Date;
}

export interface ReunificationTables {
  reunification_plan: ReunificationPlanTable;
  reunification_handover: ReunificationHandoverTable;
  welfare_check: WelfareCheckTable;
}

export type PlanRow = Selectable<ReunificationPlanTable>;
export type HandoverRow = Selectable<ReunificationHandoverTable>;
export type WelfareCheckRow = Selectable<WelfareCheckTable>;
