import type { Role } from '@homeward/contracts';
import { AppError } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { rolePermissions } from '../auth/permissions.ts';
import { findVisibleCase, topUpPlan, type ContactDeps } from '../contact/contact-plans.service.ts';
import { deleteFutureScheduled, findOpenPlan, updatePlan } from '../contact/contact.repository.ts';
import { notify } from '../notifications/notify.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { findActiveSuspension, findSuspensions, insertSuspension, liftSuspension } from './consent.repository.ts';
import type { ContactSuspensionRow } from './consent.tables.ts';

/** The officers who run contact: told of a suspension and of its end, on both sides. */
const officerRoles = (Object.keys(rolePermissions) as Role[]).filter((r) => r !== 'administrator' && rolePermissions[r].some((p) => p === 'contact.write' || p === 'message.review'));

export function presentSuspension(r: ContactSuspensionRow) {
  return {
    id: r.id,
    caseId: r.case_id,
    reason: r.reason,
    suspendedBy: r.suspended_by,
    suspendedPartyId: r.suspended_party_id,
    suspendedAt: r.suspended_at.toISOString(),
    liftedBy: r.lifted_by,
    liftedAt: r.lifted_at ? r.lifted_at.toISOString() : null,
    liftReason: r.lift_reason,
  };
}

async function tellBothSides(trx: Executor, kase: CaseRow, now: Date, kind: string, suspensionId: string) {
  for (const partyId of new Set([kase.holding_party_id, kase.family_party_id])) {
    await notify(trx, now, { kind, subjectType: 'case', subjectId: kase.id, partyId, roles: officerRoles, dedupeKey: `${kind}:${suspensionId}`, details: { suspensionId } });
  }
}

/**
 * Emergency suspension of a case's contact, by an officer of either side, with a reason: from now
 * no contact is scheduled, recorded as held, or planned, and no message is relayed or delivered
 * (409 CONTACT_SUSPENDED) until a second officer lifts it. Contacts not yet due are withdrawn.
 * Both sides' officers are told; the suspension shows on the case to both sides.
 */
export async function suspendContact(deps: ContactDeps, actor: Actor, caseId: string, reason: string) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const kase = await findVisibleCase(trx, actor, caseId, true);
    const row = await insertSuspension(trx, {
      case_id: caseId,
      reason,
      suspended_by: actor.userId,
      suspended_party_id: actor.partyId ?? kase.holding_party_id,
      suspended_at: now,
      lifted_by: null,
      lifted_party_id: null,
      lifted_at: null,
      lift_reason: null,
    });
    if (!row) throw new AppError('CONTACT_SUSPENDED', "This case's contact is already suspended.");
    const plan = await findOpenPlan(trx, caseId, true);
    if (plan) await deleteFutureScheduled(trx, plan.id, now);
    await recordAudit(trx, actor, { action: 'contact.suspend', recordType: 'case', recordId: caseId, reason, details: { suspensionId: row.id, planId: plan?.id ?? null } });
    await tellBothSides(trx, kase, now, 'contact.suspended', row.id);
    return presentSuspension(row);
  });
}

/**
 * Lifts a suspension: only an officer other than the one who suspended it (409
 * SECOND_OFFICER_REQUIRED), with a reason. An active plan is scheduled again from now.
 */
export async function liftContactSuspension(deps: ContactDeps, actor: Actor, caseId: string, reason: string) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const kase = await findVisibleCase(trx, actor, caseId, true);
    const active = await findActiveSuspension(trx, caseId, true);
    if (!active) throw new AppError('CONTACT_NOT_SUSPENDED', "This case's contact is not suspended.");
    if (actor.kind !== 'system' && (!actor.userId || actor.userId === active.suspended_by)) {
      throw new AppError('SECOND_OFFICER_REQUIRED', 'A suspension is lifted by an officer other than the one who suspended contact.');
    }
    const lifted = await liftSuspension(trx, active.id, { lifted_by: actor.userId, lifted_party_id: actor.partyId ?? kase.holding_party_id, lifted_at: now, lift_reason: reason });
    if (!lifted) throw new AppError('CONTACT_NOT_SUSPENDED', "This case's contact is not suspended.");
    const plan = await findOpenPlan(trx, caseId, true);
    if (plan?.status === 'active') {
      // What fell due during the suspension is not owed afterwards: the schedule restarts now.
      const restarted = await updatePlan(trx, plan.id, plan.version, { schedule_from: now, updated_at: now });
      if (restarted) await topUpPlan(trx, restarted, now);
    }
    await recordAudit(trx, actor, { action: 'contact.resume', recordType: 'case', recordId: caseId, reason, details: { suspensionId: active.id, suspendedBy: active.suspended_by } });
    await tellBothSides(trx, kase, now, 'contact.resumed', active.id);
    return presentSuspension(lifted);
  });
}

/** The case's suspension in force (if any) and the history, for both sides. */
export async function getContactSuspension(deps: ContactDeps, actor: Actor, caseId: string) {
  await findVisibleCase(deps.db, actor, caseId);
  const rows = await findSuspensions(deps.db, [caseId]);
  const active = rows.find((r) => !r.lifted_at);
  return { active: active ? presentSuspension(active) : null, history: rows.map(presentSuspension) };
}
