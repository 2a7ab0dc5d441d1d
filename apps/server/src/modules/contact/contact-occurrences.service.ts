import type { ContactRecordInput, RegularityQuery } from '@homeward/contracts';
import { AppError, notFound, validationFailed } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { hasTier } from '../auth/permissions.ts';
import { assertContactAllowed } from '../consent/consent.gate.ts';
import { isoDay } from '../names/date-rules.ts';
import { regularityOf } from './contact-schedule.ts';
import { findVisibleCase, topUpPlan, type ContactDeps } from './contact-plans.service.ts';
import { presentOccurrence, presentPlan } from './contact.policy.ts';
import { countByRegion, findLatestPlan, findOccurrence, findOccurrencesOfCase, findOpenPlan, findPlan, recordOccurrence } from './contact.repository.ts';

const DAY = 86_400_000;

/**
 * Records how a scheduled contact went: held (when, how long), missed or cancelled (why), with
 * notes and the child's wellbeing as observed. Only a contact of an active plan can be recorded,
 * and only once; the plan's horizon is then topped up.
 */
export async function recordContact(deps: ContactDeps, actor: Actor, occurrenceId: string, input: ContactRecordInput) {
  const now = deps.clock.now();
  const heldAt = input.outcome === 'held' && input.heldAt ? new Date(input.heldAt) : now;
  if (heldAt.getTime() > now.getTime()) throw validationFailed([{ path: 'heldAt', message: 'is in the future' }]);
  return deps.db.transaction().execute(async (trx) => {
    const occ = await findOccurrence(trx, occurrenceId);
    if (!occ) throw notFound();
    const kase = await findVisibleCase(trx, actor, occ.case_id);
    // Only a cancellation can be recorded while contact is suspended or consent to it withdrawn.
    if (input.outcome !== 'cancelled') await assertContactAllowed(trx, kase, now);
    // The plan first, like a plan change does, so that the two never wait on each other.
    const plan = await findPlan(trx, occ.plan_id, true);
    if (!plan || plan.status !== 'active') {
      throw new AppError('CONTACT_PLAN_NOT_ACTIVE', `Contacts of a ${plan?.status ?? 'missing'} plan cannot be recorded.`, { details: { planStatus: plan?.status ?? null } });
    }
    if (occ.status !== 'scheduled') throw new AppError('CONTACT_ALREADY_RECORDED', 'This contact has already been recorded.', { details: { status: occ.status } });
    const recorded = await recordOccurrence(trx, occurrenceId, {
      status: input.outcome,
      held_at: input.outcome === 'held' ? heldAt : null,
      duration_minutes: input.outcome === 'held' ? input.durationMinutes : null,
      reason: input.outcome === 'held' ? null : input.reason,
      notes: input.notes ?? null,
      wellbeing: 'wellbeing' in input ? (input.wellbeing ?? null) : null,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    if (!recorded) throw new AppError('CONTACT_ALREADY_RECORDED', 'This contact has already been recorded.');
    await topUpPlan(trx, plan, now);
    const fields = ['status', ...(recorded.notes ? ['notes'] : []), ...(recorded.wellbeing ? ['sensitive'] : [])];
    await recordAudit(trx, actor, {
      action: 'contact.record',
      recordType: 'contact_occurrence',
      recordId: occurrenceId,
      fields,
      details: { caseId: occ.case_id, planId: occ.plan_id, outcome: input.outcome },
    });
    return presentOccurrence(recorded, actor, now);
  });
}

/**
 * A case's contact: its plan, every scheduled contact and how regular contact has been. Reading
 * notes is audited with the ids returned; the wellbeing observations go only to readers with the
 * sensitive tier, and their read is audited as such.
 */
export async function getCaseContact(deps: ContactDeps, actor: Actor, caseId: string) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    await findVisibleCase(trx, actor, caseId);
    const plan = (await findOpenPlan(trx, caseId)) ?? (await findLatestPlan(trx, caseId));
    const rows = await findOccurrencesOfCase(trx, caseId);
    const sensitive = hasTier(actor.roles, 'sensitive');
    if (rows.length) {
      const withWellbeing = sensitive ? rows.filter((r) => r.wellbeing).map((r) => r.id) : [];
      await recordAudit(trx, actor, {
        action: 'contact.read',
        recordType: 'case',
        recordId: caseId,
        fields: withWellbeing.length ? ['sensitive'] : [],
        details: { ids: rows.map((r) => r.id), ...(withWellbeing.length ? { sensitiveIds: withWellbeing } : {}) },
      });
    }
    return {
      caseId,
      plan: plan ? presentPlan(plan) : null,
      occurrences: rows.map((r) => presentOccurrence(r, actor, now)),
      regularity: regularityOf(
        rows.map((r) => ({ status: r.status, dueAt: r.due_at, overdueAt: r.overdue_at, heldAt: r.held_at })),
        now,
      ),
      withheld: sensitive ? [] : ['occurrences.wellbeing'],
    };
  });
}

/** Reports shared between parties suppress cells under this many cases (DESIGN.md). */
export const MINIMUM_CELL = 5;

/**
 * Contact regularity per region of the child's current placement, over the cases the caller's
 * party is on: counts only, and a region with fewer than MINIMUM_CELL cases shows no numbers.
 */
export async function regionalRegularity(deps: ContactDeps, actor: Actor, query: RegularityQuery) {
  const now = deps.clock.now();
  const to = query.to ?? isoDay(now);
  const from = query.from ?? isoDay(new Date(now.getTime() - 90 * DAY));
  if (from > to) throw validationFailed([{ path: 'from', message: 'is after to' }]);
  const rows = await countByRegion(deps.db, {
    partyId: actor.kind === 'system' ? null : (actor.partyId ?? '00000000-0000-0000-0000-000000000000'),
    region: query.region,
    from: new Date(`${from}T00:00:00Z`),
    to: new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY),
    now,
  });
  await recordAudit(deps.db, actor, { action: 'contact.report', recordType: 'contact_occurrence', recordId: null, details: { from, to, regions: rows.length } });
  return {
    from,
    to,
    minimumCell: MINIMUM_CELL,
    items: rows.map((r) => {
      if (r.cases < MINIMUM_CELL) {
        return { region: r.region, suppressed: true, cases: null, due: null, held: null, missed: null, cancelled: null, overdue: null, heldOnTime: null, shareHeldOnTime: null };
      }
      return {
        region: r.region,
        suppressed: false,
        cases: r.cases,
        due: r.due,
        held: r.held,
        missed: r.missed,
        cancelled: r.cancelled,
        overdue: r.overdue,
        heldOnTime: r.held_on_time,
        shareHeldOnTime: r.due ? r.held_on_time / r.due : null,
      };
    }),
  };
}
