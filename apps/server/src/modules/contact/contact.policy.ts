import type { CaseMessage, ContactOccurrence, ContactPlan } from '@homeward/contracts';
import type { Actor } from '../auth/actor.ts';
import { hasPermission, hasTier } from '../auth/permissions.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { isOverdue } from './contact-schedule.ts';
import type { CaseMessageRow, ContactOccurrenceRow, ContactPlanRow } from './contact.tables.ts';

// Who sees what of contact. Everything here belongs to a case and is seen only by the case's two
// parties (cases.policy canSeeCase); within them, the child's wellbeing and message text are
// sensitive tier, and a message reaches the other side only once a reviewer approved it.

type CaseParties = Pick<CaseRow, 'holding_party_id' | 'family_party_id'>;

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentPlan(row: ContactPlanRow): ContactPlan {
  return {
    id: row.id,
    caseId: row.case_id,
    channel: row.channel,
    intervalDays: row.interval_days,
    preferredWeekday: row.preferred_weekday,
    preferredTime: row.preferred_time,
    languages: row.languages,
    interpreterNeeded: row.interpreter_needed,
    holdingSupervisorId: row.holding_supervisor_id,
    familySupervisorId: row.family_supervisor_id,
    status: row.status,
    statusReason: row.status_reason,
    startsOn: row.starts_on,
    replacedBy: row.replaced_by,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentOccurrence(row: ContactOccurrenceRow, actor: Actor, now: Date): ContactOccurrence {
  return {
    id: row.id,
    planId: row.plan_id,
    caseId: row.case_id,
    channel: row.channel,
    dueAt: row.due_at.toISOString(),
    overdueAt: row.overdue_at.toISOString(),
    status: row.status,
    overdue: isOverdue({ status: row.status, overdueAt: row.overdue_at }, now),
    heldAt: iso(row.held_at),
    durationMinutes: row.duration_minutes,
    reason: row.reason,
    notes: row.notes,
    ...(hasTier(actor.roles, 'sensitive') ? { wellbeing: row.wellbeing } : {}),
    recordedBy: row.recorded_by,
    recordedAt: iso(row.recorded_at),
    overdueFlaggedAt: iso(row.overdue_flagged_at),
  };
}

/** The side the message came from, by the sender's party. */
export const directionOf = (side: 'holding' | 'family') => (side === 'family' ? 'family-to-child' : 'child-to-family');

/**
 * An approved message is seen by both sides. Until then (and when returned) it stays with the
 * sender's party and the reviewers of either party: the recipient side never sees what a
 * safeguarding reviewer has not let through.
 */
export function canSeeMessage(actor: Actor, row: Pick<CaseMessageRow, 'status' | 'sender_party_id'>, kase: CaseParties): boolean {
  if (actor.kind === 'system') return true;
  if (!actor.partyId || (actor.partyId !== kase.holding_party_id && actor.partyId !== kase.family_party_id)) return false;
  return row.status === 'approved' || actor.partyId === row.sender_party_id || hasPermission(actor.roles, 'message.review');
}

export function presentMessage(row: CaseMessageRow, actor: Actor): CaseMessage {
  const sensitive = hasTier(actor.roles, 'sensitive');
  return {
    id: row.id,
    caseId: row.case_id,
    direction: row.direction,
    senderPartyId: row.sender_party_id,
    status: row.status,
    body: sensitive ? row.body : null,
    mediaId: sensitive ? row.media_id : null,
    returnReason: row.return_reason,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at.toISOString(),
    reviewedBy: row.reviewed_by,
    reviewedAt: iso(row.reviewed_at),
    withheld: sensitive ? [] : ['body', 'mediaId'],
  };
}
