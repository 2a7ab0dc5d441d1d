import type { Generated, Selectable } from 'kysely';

// Row types of the consent tables; migrations/0017-consent.ts is the truth.

export type ConsentSubjectType = 'dossier' | 'request' | 'case';
export type ConsentGiver = 'child' | 'guardian' | 'young-person' | 'parent' | 'legal-representative';
export type ConsentMethod = 'in-person' | 'written' | 'recorded';
export type ConsentDecision = 'given' | 'refused';
export type LegalBasis = 'best-interests-of-the-child' | 'vital-interests' | 'legal-obligation' | 'public-task';
export type CaseSide = 'holding' | 'family';

export interface ConsentTable {
  id: Generated<string>;
  seq: Generated<string>;
  subject_type: ConsentSubjectType;
  subject_id: string;
  purpose: string;
  basis: 'consent' | 'override';
  decision: ConsentDecision | null;
  given_by: ConsentGiver | null;
  how: ConsentMethod | null;
  /** 'YYYY-MM-DD' (dates are read as strings). */
  given_on: string | null;
  evidence_media_id: string | null;
  legal_basis: LegalBasis | null;
  reason: string | null;
  side: CaseSide | null;
  party_id: string;
  recorded_by: string | null;
  recorded_at: Date;
}

export interface ConsentWithdrawalTable {
  consent_id: string;
  withdrawn_at: Date;
  withdrawn_by: string | null;
  party_id: string;
  reason: string;
}

export interface ContactSuspensionTable {
  id: Generated<string>;
  case_id: string;
  reason: string;
  suspended_by: string | null;
  suspended_party_id: string;
  suspended_at: Date;
  lifted_by: string | null;
  lifted_party_id: string | null;
  lifted_at: Date | null;
  lift_reason: string | null;
}

/** A party's consent mode (migrations/0025-erasure.ts); a party without a row is transitional. */
export interface ConsentModeTable {
  party_id: string;
  mode: 'strict' | 'transitional';
  updated_by: string | null;
  updated_at: Date;
}

export interface ConsentTables {
  consent: ConsentTable;
  consent_mode: ConsentModeTable;
  consent_withdrawal: ConsentWithdrawalTable;
  contact_suspension: ContactSuspensionTable;
}

export type ConsentRow = Selectable<ConsentTable>;
export type ConsentWithdrawalRow = Selectable<ConsentWithdrawalTable>;
export type ContactSuspensionRow = Selectable<ContactSuspensionTable>;
/** A consent with its withdrawal, if any. */
export type ConsentWithWithdrawal = ConsentRow & { withdrawal: ConsentWithdrawalRow | null };
