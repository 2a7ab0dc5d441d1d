import type { ContactPlanInput, ContactPlanPatch, Role } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, validationFailed, type ErrorIssue } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { rolePermissions } from '../auth/permissions.ts';
import { activeStatuses } from '../cases/case-states.ts';
import { canSeeCase } from '../cases/cases.policy.ts';
import { assertContactAllowed, isContactSuspended } from '../consent/consent.gate.ts';
import { findCase } from '../cases/cases.repository.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { isoDay } from '../names/date-rules.ts';
import { findPlanTransition } from './contact-plan-states.ts';
import { dueDatesToAdd, overdueAtFor, type Schedule } from './contact-schedule.ts';
import { presentPlan } from './contact.policy.ts';
import { deleteFutureScheduled, findOpenPlan, findPlan, horizonState, insertOccurrences, insertPlan, updatePlan } from './contact.repository.ts';
import type { ContactPlanRow } from './contact.tables.ts';

export interface ContactDeps {
  db: Kysely<DB>;
  clock: Clock;
}

/** The case if the actor is on it; anything else answers like a missing record. */
export async function findVisibleCase(db: Executor, actor: Actor, caseId: string, forUpdate = false): Promise<CaseRow> {
  const row = await findCase(db, caseId, forUpdate);
  if (!row || !canSeeCase(actor, row)) throw notFound();
  return row;
}

export function assertCaseActive(row: CaseRow): void {
  if (!activeStatuses.includes(row.status)) {
    throw new AppError('CONTACT_CASE_NOT_ACTIVE', `Contact is arranged only while the child is not home yet; this case is ${row.status}.`, {
      details: { status: row.status, activeStatuses },
    });
  }
}

const scheduleOf = (p: Pick<ContactPlanRow, 'starts_on' | 'interval_days' | 'preferred_weekday' | 'preferred_time'>): Schedule => ({
  startsOn: p.starts_on,
  intervalDays: p.interval_days,
  preferredWeekday: p.preferred_weekday,
  preferredTime: p.preferred_time,
});

function scheduleIssues(s: { intervalDays: number; preferredWeekday?: number | null | undefined }): ErrorIssue[] {
  return s.preferredWeekday && s.intervalDays % 7 !== 0 ? [{ path: 'preferredWeekday', message: 'needs an interval of whole weeks (7, 14, …)' }] : [];
}

const supervisorRoles = (Object.keys(rolePermissions) as Role[]).filter((r) => rolePermissions[r].some((p) => p === 'contact.write' || p === 'message.review'));

/** Each supervisor must be an active user of that side's party who runs contact. */
async function supervisorIssues(db: Executor, kase: CaseRow, ids: { holding?: string | undefined; family?: string | undefined }): Promise<ErrorIssue[]> {
  const issues: ErrorIssue[] = [];
  const sides = [
    ['holdingSupervisorId', ids.holding, kase.holding_party_id],
    ['familySupervisorId', ids.family, kase.family_party_id],
  ] as const;
  for (const [path, id, partyId] of sides) {
    if (!id) continue;
    const user = await db.selectFrom('app_user').select(['party_id', 'status', 'roles']).where('id', '=', id).executeTakeFirst();
    if (!user || user.party_id !== partyId || user.status !== 'active' || !user.roles.some((r) => supervisorRoles.includes(r as Role))) {
      issues.push({ path, message: "must be an active officer of that side's party who may arrange contact or review messages" });
    }
  }
  return issues;
}

/** Adds the contacts the plan owes now (see dueDatesToAdd); a plan that is not active gets none. */
export async function topUpPlan(db: Executor, plan: ContactPlanRow, now: Date): Promise<number> {
  // An emergency suspension stops scheduling too (consent/contact-suspension.service.ts).
  if (plan.status !== 'active' || (await isContactSuspended(db, plan.case_id))) return 0;
  const state = await horizonState(db, plan.id, now);
  const dates = dueDatesToAdd(scheduleOf(plan), { scheduleFrom: plan.schedule_from, ...state }, now);
  return insertOccurrences(
    db,
    dates.map((due) => ({ plan_id: plan.id, case_id: plan.case_id, channel: plan.channel, due_at: due, overdue_at: overdueAtFor(plan.channel, due), status: 'scheduled' as const })),
  );
}

/**
 * A new plan for a case. A plan already in force is cancelled and points to its replacement;
 * its contacts not yet due are withdrawn, those already due stay to be recorded or reported.
 */
export async function createPlan(deps: ContactDeps, actor: Actor, caseId: string, input: ContactPlanInput) {
  const now = deps.clock.now();
  const today = isoDay(now);
  const startsOn = input.startsOn ?? today;
  const issues = scheduleIssues(input);
  if (startsOn < today) issues.push({ path: 'startsOn', message: 'is in the past' });
  return deps.db.transaction().execute(async (trx) => {
    const kase = await findVisibleCase(trx, actor, caseId, true);
    assertCaseActive(kase);
    await assertContactAllowed(trx, kase, now);
    issues.push(...(await supervisorIssues(trx, kase, { holding: input.holdingSupervisorId, family: input.familySupervisorId })));
    if (issues.length) throw validationFailed(issues);
    const old = await findOpenPlan(trx, caseId, true);
    if (old) {
      await updatePlan(trx, old.id, old.version, { status: 'cancelled', status_reason: 'Replaced by a new plan.', updated_at: now });
      await deleteFutureScheduled(trx, old.id, now);
    }
    const plan = await insertPlan(trx, {
      case_id: caseId,
      channel: input.channel,
      interval_days: input.intervalDays,
      preferred_weekday: input.preferredWeekday ?? null,
      preferred_time: input.preferredTime ?? null,
      languages: input.languages,
      interpreter_needed: input.interpreterNeeded,
      holding_supervisor_id: input.holdingSupervisorId,
      family_supervisor_id: input.familySupervisorId,
      status: 'active',
      status_reason: null,
      starts_on: startsOn,
      // From the start of its first day, so that a plan starting today owes today's contact; a
      // replacement owes nothing before now (what the old plan owed stays with the old plan).
      schedule_from: new Date(Math.max(Date.parse(`${startsOn}T00:00:00Z`), old ? now.getTime() : 0)),
      replaced_by: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    if (old) {
      await trx.updateTable('contact_plan').set({ replaced_by: plan.id }).where('id', '=', old.id).execute();
      await recordAudit(trx, actor, { action: 'contact-plan.cancel', recordType: 'contact_plan', recordId: old.id, fields: ['status'], details: { caseId, replacedBy: plan.id } });
    }
    await topUpPlan(trx, plan, now);
    await recordAudit(trx, actor, {
      action: 'contact-plan.create',
      recordType: 'contact_plan',
      recordId: plan.id,
      details: { caseId, replaces: old?.id ?? null, channel: plan.channel, intervalDays: plan.interval_days },
    });
    return presentPlan(plan);
  });
}

const scheduleKeys = ['channel', 'intervalDays', 'preferredWeekday', 'preferredTime'] as const;

/**
 * Changes a plan (with the version read) and moves it through its state table. A change of
 * schedule, a suspension or a cancellation withdraws the contacts not yet due; the schedule is
 * redrawn from now when the plan is (still or again) active. A cancelled plan never changes.
 */
export async function patchPlan(deps: ContactDeps, actor: Actor, id: string, patch: ContactPlanPatch) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, id, true);
    if (!plan) throw notFound();
    const kase = await findVisibleCase(trx, actor, plan.case_id);
    if (plan.status === 'cancelled') throw new AppError('CONTACT_PLAN_NOT_ACTIVE', 'This plan is cancelled and cannot change; make a new plan for the case.');
    const to = patch.status && patch.status !== plan.status ? patch.status : null;
    const reason = patch.reason?.trim() || null;
    if (to) {
      const t = findPlanTransition(plan.status, to);
      if (!t) throw new AppError('INVALID_TRANSITION', `A contact plan cannot move from ${plan.status} to ${to}.`, { details: { from: plan.status, to } });
      if (t.needsReason && !reason) throw validationFailed([{ path: 'reason', message: `is required to make a plan ${to}` }]);
      if (to === 'active') assertCaseActive(kase);
    }
    const merged = {
      channel: patch.channel ?? plan.channel,
      intervalDays: patch.intervalDays ?? plan.interval_days,
      preferredWeekday: patch.preferredWeekday === undefined ? plan.preferred_weekday : patch.preferredWeekday,
      preferredTime: patch.preferredTime === undefined ? plan.preferred_time : patch.preferredTime,
    };
    const issues = [...scheduleIssues(merged), ...(await supervisorIssues(trx, kase, { holding: patch.holdingSupervisorId, family: patch.familySupervisorId }))];
    if (issues.length) throw validationFailed(issues);
    const before = { channel: plan.channel, intervalDays: plan.interval_days, preferredWeekday: plan.preferred_weekday, preferredTime: plan.preferred_time };
    const rescheduled = scheduleKeys.some((k) => merged[k] !== before[k]);
    // Suspending or cancelling a plan is always possible; resuming or rescheduling one is not
    // while contact is suspended or consent to it withdrawn.
    if (to === 'active' || (rescheduled && plan.status === 'active' && !to)) await assertContactAllowed(trx, kase, now);
    const updated = await updatePlan(trx, id, patch.version, {
      channel: merged.channel,
      interval_days: merged.intervalDays,
      preferred_weekday: merged.preferredWeekday,
      preferred_time: merged.preferredTime,
      ...(patch.languages ? { languages: patch.languages } : {}),
      ...(patch.interpreterNeeded !== undefined ? { interpreter_needed: patch.interpreterNeeded } : {}),
      ...(patch.holdingSupervisorId ? { holding_supervisor_id: patch.holdingSupervisorId } : {}),
      ...(patch.familySupervisorId ? { family_supervisor_id: patch.familySupervisorId } : {}),
      ...(to ? { status: to, status_reason: reason } : {}),
      ...(rescheduled || to === 'active' ? { schedule_from: now } : {}),
      updated_at: now,
    });
    if (!updated) {
      throw new AppError('VERSION_CONFLICT', 'This plan was changed by someone else; reload it and try again.', { details: { currentVersion: plan.version } });
    }
    if (rescheduled || to) await deleteFutureScheduled(trx, id, now);
    await topUpPlan(trx, updated, now);
    const fields = Object.keys(patch).filter((k) => k !== 'version' && k !== 'reason');
    await recordAudit(trx, actor, {
      action: 'contact-plan.update',
      recordType: 'contact_plan',
      recordId: id,
      fields,
      reason,
      details: { caseId: plan.case_id, ...(to ? { from: plan.status, to } : {}), rescheduled },
    });
    return presentPlan(updated);
  });
}
