import type { Generated, Selectable } from 'kysely';

// Row types of the age-out tables; migrations/0009-age-out.ts is the truth.

export type ConsentDecision = 'return' | 'stay' | 'undecided';
export type ConsentRecordedHow = 'self' | 'with-official';
export type AgeOutOutcome = 'returned' | 'stays' | 'other';
export type WithdrawnReason = 'dossier-not-open' | 'birth-unknown' | 'not-displaced-as-minor' | 'not-in-window';

export interface AgeOutTable {
  id: Generated<string>;
  dossier_id: string;
  dossier_version: number;
  case_id: string | null;
  /** Dates are 'YYYY-MM-DD' strings (db/database.ts keeps them so). */
  eligible_on: string;
  adult_from: string;
  approximate: boolean;
  found_on: string;
  deadline_on: string;
  consent_decision: ConsentDecision | null;
  consent_recorded_how: ConsentRecordedHow | null;
  consent_recorded_by: string | null;
  consent_at: Date | null;
  consent_notes: string | null;
  resolution_outcome: AgeOutOutcome | null;
  resolution_reason: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  withdrawn_at: Date | null;
  withdrawn_reason: WithdrawnReason | null;
  eligible_notified_at: Date | null;
  flagged_overdue_at: Date | null;
  version: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

export interface AgeOutConsentTable {
  id: Generated<number>;
  age_out_id: string;
  decision: ConsentDecision;
  recorded_how: ConsentRecordedHow;
  recorded_by: string | null;
  replaces: 'guardian' | 'young-person';
  notes: string | null;
  at: Date;
}

export interface AgeOutTables {
  age_out: AgeOutTable;
  age_out_consent: AgeOutConsentTable;
}

export type AgeOutRow = Selectable<AgeOutTable>;
export type AgeOutConsentRow = Selectable<AgeOutConsentTable>;
