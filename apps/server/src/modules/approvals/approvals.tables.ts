import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ApprovalAct } from './two-person.ts';

// Row types of the approvals table; migrations/0020-approvals.ts is the truth.
type Json<T> = ColumnType<T, string, string>;

export type ApprovalStatus = 'pending' | 'approved' | 'declined' | 'expired';

export interface PendingApprovalTable {
  id: Generated<string>;
  act: ApprovalAct;
  subject_type: string;
  subject_id: string;
  related_ids: ColumnType<string[], string[] | undefined, string[]>;
  payload: Json<unknown>;
  payload_hash: string;
  first_user_id: string;
  first_party_id: string;
  first_at: Date;
  first_reason: string | null;
  second_party_id: string | null;
  second_permission: string;
  status: Generated<ApprovalStatus>;
  second_user_id: string | null;
  second_at: Date | null;
  second_reason: string | null;
  end_reason: string | null;
  expires_at: Date;
}

export type ApprovalTables = {
  pending_approval: PendingApprovalTable;
};

export type PendingApprovalRow = Selectable<PendingApprovalTable>;
