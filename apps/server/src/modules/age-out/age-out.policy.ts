import type { AgeOutEntry } from '@homeward/contracts';
import type { Actor } from '../auth/actor.ts';
import { hasTier } from '../auth/permissions.ts';
import type { EntryRow } from './age-out.repository.ts';
import { ageOutStatus } from './age-out.rules.ts';
import type { AgeOutConsentRow } from './age-out.tables.ts';

/**
 * An entry is seen by the party holding the dossier and by the family's party of the linked case
 * (and by the system); everyone else gets 404.
 */
export function canSeeAgeOut(actor: Actor, row: Pick<EntryRow, 'dossier_party_id' | 'family_party_id'>): boolean {
  return actor.kind === 'system' || (!!actor.partyId && (actor.partyId === row.dossier_party_id || actor.partyId === row.family_party_id));
}

/** The entry's status on `today` (see `ageOutStatus`). */
export const entryStatus = (row: EntryRow, today: string) =>
  ageOutStatus(
    { withdrawnAt: row.withdrawn_at, resolvedAt: row.resolved_at, deadlineOn: row.deadline_on, consentDecision: row.consent_decision, eligibleOn: row.eligible_on },
    today,
  );

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Shapes an entry for one reader: consent notes and the resolution reason need the sensitive tier. */
export function presentAgeOut(row: EntryRow, actor: Actor, today: string): AgeOutEntry {
  const sensitive = hasTier(actor.roles, 'sensitive');
  const withheld: string[] = [];
  let consent: AgeOutEntry['consent'] = null;
  if (row.consent_decision && row.consent_at && row.consent_recorded_how) {
    consent = {
      decision: row.consent_decision,
      recordedHow: row.consent_recorded_how,
      recordedBy: row.consent_recorded_by,
      at: row.consent_at.toISOString(),
    };
    if (sensitive) consent.notes = row.consent_notes;
    else if (row.consent_notes) withheld.push('consent.notes');
  }
  let resolution: AgeOutEntry['resolution'] = null;
  if (row.resolution_outcome && row.resolved_at) {
    resolution = { outcome: row.resolution_outcome, by: row.resolved_by, at: row.resolved_at.toISOString() };
    if (sensitive) resolution.reason = row.resolution_reason;
    else if (row.resolution_reason) withheld.push('resolution.reason');
  }
  return {
    id: row.id,
    dossierId: row.dossier_id,
    caseId: row.case_id,
    status: entryStatus(row, today),
    eligibleOn: row.eligible_on,
    adultFrom: row.adult_from,
    approximate: row.approximate,
    foundOn: row.found_on,
    deadlineOn: row.deadline_on,
    consent,
    resolution,
    flaggedOverdueAt: iso(row.flagged_overdue_at),
    withdrawnReason: row.withdrawn_reason,
    version: row.version,
    withheld,
  };
}

/** The consent history, newest first. */
export function presentConsents(rows: AgeOutConsentRow[], actor: Actor) {
  const sensitive = hasTier(actor.roles, 'sensitive');
  return rows.map((c) => ({
    decision: c.decision,
    recordedHow: c.recorded_how,
    recordedBy: c.recorded_by,
    at: c.at.toISOString(),
    replaces: c.replaces,
    ...(sensitive ? { notes: c.notes } : {}),
  }));
}
