import type { ContactChannel, ContactOccurrenceStatus, ContactPlanStatus } from '@homeward/contracts';
import type { Generated, Selectable } from 'kysely';

// Row types of the contact tables; migrations/0007-contact.ts is the truth.

export interface ContactPlanTable {
  id: Generated<string>;
  case_id: string;
  channel: ContactChannel;
  interval_days: number;
  preferred_weekday: number | null;
  preferred_time: string | null;
  languages: string[];
  interpreter_needed: boolean;
  holding_supervisor_id: string;
  family_supervisor_id: string;
  status: ContactPlanStatus;
  status_reason: string | null;
  /** 'YYYY-MM-DD' (dates are read as strings). */
  starts_on: string;
  schedule_from: Date;
  replaced_by: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ContactOccurrenceTable {
  id: Generated<string>;
  plan_id: string;
  case_id: string;
  channel: ContactChannel;
  due_at: Date;
  overdue_at: Date;
  status: ContactOccurrenceStatus;
  held_at: Date | null;
  duration_minutes: number | null;
  reason: string | null;
  notes: string | null;
  /** Sensitive tier. */
  wellbeing: string | null;
  recorded_by: string | null;
  recorded_at: Date | null;
  overdue_flagged_at: Date | null;
}

export type MessageDirection = 'family-to-child' | 'child-to-family';
export type MessageStatus = 'pending-review' | 'approved' | 'returned';

export interface CaseMessageTable {
  id: Generated<string>;
  case_id: string;
  direction: MessageDirection;
  sender_party_id: string;
  body: string;
  media_id: string | null;
  status: MessageStatus;
  return_reason: string | null;
  submitted_by: string | null;
  submitted_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}

export interface CaseMessageEventTable {
  id: Generated<number>;
  message_id: string;
  status: MessageStatus;
  actor_user_id: string | null;
  reason: string | null;
  at: Date;
}

export interface ContactTables {
  contact_plan: ContactPlanTable;
  contact_occurrence: ContactOccurrenceTable;
  case_message: CaseMessageTable;
  case_message_event: CaseMessageEventTable;
}

export type ContactPlanRow = Selectable<ContactPlanTable>;
export type ContactOccurrenceRow = Selectable<ContactOccurrenceTable>;
export type CaseMessageRow = Selectable<CaseMessageTable>;
