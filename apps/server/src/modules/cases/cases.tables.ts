import type { Generated, Selectable } from 'kysely';
import type { CaseStatus } from './case-states.ts';

// Row types of the case tables; migrations/0006-cases.ts is the truth.

export interface TracingCaseTable {
  id: Generated<string>;
  dossier_id: string;
  request_id: string;
  match_proposal_id: string | null;
  holding_party_id: string;
  family_party_id: string;
  status: CaseStatus;
  status_reason: string | null;
  priority: Generated<'normal' | 'age-out'>;
  version: Generated<number>;
  opened_by: string | null;
  opened_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

export interface TracingCaseEventTable {
  id: Generated<number>;
  case_id: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  reason: string | null;
  actor_user_id: string | null;
  at: Date;
}

export interface CaseTables {
  tracing_case: TracingCaseTable;
  tracing_case_event: TracingCaseEventTable;
}

export type CaseRow = Selectable<TracingCaseTable>;
