import type { ReunificationPlanInput, ReunificationPlanPatch, ReunificationSide, ReunificationView } from '@homeward/contracts';
import type { Updateable } from 'kysely';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { hasTier } from '../auth/permissions.ts';
import { applyCaseTransition } from '../cases/case-transition.ts';
import { sideOf } from '../cases/cases.policy.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { notify } from '../notifications/notify.ts';
import { editablePlanStatuses, findPlanTransition } from './reunification-states.ts';
import { missingDocuments, planContentHash, planContentOf } from './reunification-content.ts';
import { presentHandover, presentPlan, presentWelfareCheck } from './reunification.policy.ts';
import { findCurrentPlanOfCase, findHandovers, findLivePlanOfCase, findWelfareChecksOfCase, insertPlan, updatePlan } from './reunification.repository.ts';
import {
  findVisibleCase,
  lockPlan,
  lockVisibleCase,
  logPlanTransition,
  otherSide,
  partyOfSide,
  publishAfterCommit,
  requireSide,
  type ReunificationDeps,
} from './reunification.support.ts';
import type { PlanRow, ReunificationPlanTable } from './reunification.tables.ts';

/** Case statuses in which a plan can be drawn up. */
const planningStatuses: readonly CaseRow['status'][] = ['in-contact', 'reunification-planned'];

const hashOf = (plan: PlanRow) => planContentHash(plan.content_salt, planContentOf(plan));

function approvalColumns(side: ReunificationSide, a: { by: string | null; at: Date | null; hash: string | null }): Updateable<ReunificationPlanTable> {
  return side === 'holding'
    ? { holding_approved_by: a.by, holding_approved_at: a.at, holding_approved_hash: a.hash }
    : { family_approved_by: a.by, family_approved_at: a.at, family_approved_hash: a.hash };
}

const none = { by: null, at: null, hash: null };
const noApprovals = { ...approvalColumns('holding', none), ...approvalColumns('family', none) };

/** The row's fields as they read after the patch: hashed to see whether the content changed. */
function patchedFields(fields: Partial<ReunificationPlanInput>): Partial<PlanRow> {
  return {
    ...(fields.route !== undefined ? { route: fields.route } : {}),
    ...(fields.escort !== undefined ? { escort: fields.escort } : {}),
    ...(fields.handoverPoint !== undefined ? { handover_point: fields.handoverPoint } : {}),
    ...(fields.handoverAt !== undefined ? { handover_at: new Date(fields.handoverAt) } : {}),
    ...(fields.receivingAdult !== undefined ? { receiving_adult: fields.receivingAdult } : {}),
    ...(fields.documents !== undefined ? { documents: fields.documents } : {}),
    ...(fields.welfareCheckOffsets !== undefined ? { welfare_offsets: fields.welfareCheckOffsets } : {}),
  };
}

function planColumns(fields: Partial<PlanRow>): Updateable<ReunificationPlanTable> {
  const { receiving_adult, documents, ...plain } = fields;
  return {
    ...plain,
    ...(receiving_adult ? { receiving_adult: JSON.stringify(receiving_adult) } : {}),
    ...(documents ? { documents: JSON.stringify(documents) } : {}),
  };
}

function lockedError(plan: PlanRow) {
  return new AppError('PLAN_LOCKED', `This plan is ${plan.status}; it can no longer change.`, { details: { status: plan.status } });
}

function stale(plan: PlanRow) {
  return new AppError('VERSION_CONFLICT', `This plan was changed by someone else; reload it and try again.`, { details: { currentVersion: plan.version } });
}

export async function createPlan(deps: ReunificationDeps, actor: Actor, caseId: string, input: ReunificationPlanInput) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const c = await lockVisibleCase(trx, actor, caseId);
    requireSide(actor, c);
    if (!planningStatuses.includes(c.status)) {
      throw new AppError('PLAN_CASE_NOT_READY', `A reunification plan is drawn up once the case is in contact; this case is ${c.status}.`, {
        details: { status: c.status, allowed: planningStatuses },
      });
    }
    const live = await findLivePlanOfCase(trx, c.id);
    if (live) throw new AppError('PLAN_EXISTS', 'This case already has a live plan: change it, or withdraw it first.', { details: { planId: live.id } });
    const plan = await insertPlan(trx, {
      case_id: c.id,
      status: 'draft',
      route: input.route,
      escort: input.escort,
      handover_point: input.handoverPoint,
      handover_at: new Date(input.handoverAt),
      receiving_adult: JSON.stringify(input.receivingAdult),
      documents: JSON.stringify(input.documents),
      welfare_offsets: input.welfareCheckOffsets,
      content_salt: randomBytes(32),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    if (c.status === 'in-contact') await applyCaseTransition(trx, actor, c, 'reunification-planned', { now });
    await recordAudit(trx, actor, { action: 'reunification-plan.create', recordType: 'reunification_plan', recordId: plan.id, details: { caseId: c.id } });
    await logPlanTransition(trx, { plan, from: 'none', to: 'draft', partyId: actor.partyId!, contentSha256: hashOf(plan) }, now);
  });
  await publishAfterCommit(deps);
  return getReunification(deps, actor, caseId, { audit: false });
}

async function viewOf(trx: Executor, actor: Actor, c: CaseRow): Promise<ReunificationView> {
  const plan = await findCurrentPlanOfCase(trx, c.id);
  const handovers = plan ? await findHandovers(trx, plan.id) : [];
  const checks = await findWelfareChecksOfCase(trx, c.id);
  return {
    caseId: c.id,
    side: sideOf(actor, c),
    plan: plan ? presentPlan(plan, actor) : null,
    handovers: handovers.map((h) => presentHandover(h, actor)),
    welfareChecks: checks.map((w) => presentWelfareCheck(w, actor)),
  };
}

/** The case's plan with its approvals, the handover records and the welfare checks. */
export async function getReunification(deps: ReunificationDeps, actor: Actor, caseId: string, opts = { audit: true }) {
  return deps.db.transaction().execute(async (trx) => {
    const c = await findVisibleCase(trx, actor, caseId);
    const view = await viewOf(trx, actor, c);
    if (opts.audit && view.plan && hasTier(actor.roles, 'restricted')) {
      await recordAudit(trx, actor, {
        action: 'reunification-plan.read',
        recordType: 'reunification_plan',
        recordId: view.plan.id,
        fields: ['route', 'escort', 'handoverPoint', 'receivingAdult'],
      });
    }
    return view;
  });
}

/** The view after a change, for the caller (no read audit: the change was audited). */
export async function viewAfterChange(deps: ReunificationDeps, actor: Actor, caseId: string) {
  return getReunification(deps, actor, caseId, { audit: false });
}

/**
 * Changes the plan. If its content changes (anything but ticking documents done), both
 * approvals are cleared and an approved plan goes back to draft: an approval binds to content.
 */
export async function patchPlan(deps: ReunificationDeps, actor: Actor, planId: string, patch: ReunificationPlanPatch) {
  const now = deps.clock.now();
  const caseId = await deps.db.transaction().execute(async (trx) => {
    const { plan, c } = await lockPlan(trx, actor, planId);
    if (!editablePlanStatuses.includes(plan.status)) throw lockedError(plan);
    if (patch.version !== plan.version) throw stale(plan);
    const { version, ...fields } = patch;
    const patched = patchedFields(fields);
    const before = hashOf(plan);
    const after = hashOf({ ...plan, ...patched });
    const changed = before !== after;
    const cleared = changed ? Number(!!plan.holding_approved_at) + Number(!!plan.family_approved_at) : 0;
    const back = changed && plan.status === 'approved' ? findPlanTransition(plan.status, 'content-changed') : undefined;
    const updated = await updatePlan(trx, plan.id, version, {
      ...planColumns(patched),
      ...(changed ? noApprovals : {}),
      ...(back ? { status: back.to } : {}),
      updated_at: now,
    });
    if (!updated) throw stale(plan);
    await recordAudit(trx, actor, {
      action: 'reunification-plan.update',
      recordType: 'reunification_plan',
      recordId: plan.id,
      fields: Object.keys(fields),
      details: { contentChanged: changed, approvalsCleared: cleared },
    });
    if (back) await logPlanTransition(trx, { plan, from: plan.status, to: back.to, partyId: actor.partyId!, contentSha256: after }, now);
    return c.id;
  });
  await publishAfterCommit(deps);
  return viewAfterChange(deps, actor, caseId);
}

/**
 * One side approves the plan's content as it read it (`contentHash`). When both sides have
 * approved, the plan is approved. The other side is told an approval awaits it.
 */
export async function approvePlan(deps: ReunificationDeps, actor: Actor, planId: string, contentHash: string) {
  const now = deps.clock.now();
  const caseId = await deps.db.transaction().execute(async (trx) => {
    const { plan, c, side } = await lockPlan(trx, actor, planId);
    if (!editablePlanStatuses.includes(plan.status)) throw lockedError(plan);
    const current = hashOf(plan);
    if (contentHash !== current) {
      throw new AppError('VERSION_CONFLICT', 'The plan changed since you read it; read it again before approving.', { details: { currentVersion: plan.version } });
    }
    if (plan[`${side}_approved_at`]) throw new AppError('PLAN_ALREADY_APPROVED', `The ${side} side has already approved this plan.`, { details: { side } });
    const other = otherSide(side);
    const both = plan[`${other}_approved_hash`] === current;
    const next = both ? findPlanTransition(plan.status, 'both-approved') : undefined;
    const updated = await updatePlan(trx, plan.id, plan.version, {
      ...approvalColumns(side, { by: actor.userId, at: now, hash: current }),
      ...(next ? { status: next.to } : {}),
      updated_at: now,
    });
    if (!updated) throw stale(plan);
    await recordAudit(trx, actor, { action: 'reunification-plan.approve', recordType: 'reunification_plan', recordId: plan.id, details: { side, contentSha256: current } });
    if (next) {
      await logPlanTransition(trx, { plan, from: plan.status, to: next.to, partyId: actor.partyId!, contentSha256: current }, now);
    } else {
      await notify(trx, now, {
        kind: 'reunification.approval-needed',
        subjectType: 'reunification-plan',
        subjectId: plan.id,
        partyId: partyOfSide(c, other),
        roles: ['caseworker'],
        dedupeKey: `approval-needed:${plan.id}:${current}`,
        details: { caseId: c.id },
      });
    }
    return c.id;
  });
  await publishAfterCommit(deps);
  return viewAfterChange(deps, actor, caseId);
}

/** Starts an approved plan whose required documents are all done: the case goes in-transit. */
export async function startPlan(deps: ReunificationDeps, actor: Actor, planId: string, version?: number) {
  const now = deps.clock.now();
  const caseId = await deps.db.transaction().execute(async (trx) => {
    const { plan, c } = await lockPlan(trx, actor, planId);
    const t = findPlanTransition(plan.status, 'start');
    if (!t) {
      if (plan.status === 'draft') throw notApproved(plan);
      throw new AppError('INVALID_TRANSITION', `A ${plan.status} plan cannot be started.`, { details: { status: plan.status } });
    }
    if (version !== undefined && version !== plan.version) throw stale(plan);
    const missing = missingDocuments(plan.documents);
    if (missing.length) {
      throw new AppError('PLAN_DOCUMENTS_MISSING', `${missing.length} required document(s) are not done yet.`, { details: { missing } });
    }
    await applyCaseTransition(trx, actor, c, 'in-transit', { now, via: 'reunification-start' });
    const updated = await updatePlan(trx, plan.id, plan.version, { status: t.to, started_by: actor.userId, started_at: now, updated_at: now });
    if (!updated) throw stale(plan);
    await recordAudit(trx, actor, { action: 'reunification-plan.start', recordType: 'reunification_plan', recordId: plan.id, details: { caseId: c.id } });
    await logPlanTransition(trx, { plan, from: plan.status, to: t.to, partyId: actor.partyId!, contentSha256: hashOf(plan) }, now);
    return c.id;
  });
  await publishAfterCommit(deps);
  return viewAfterChange(deps, actor, caseId);
}

export function notApproved(plan: Pick<PlanRow, 'status'>) {
  return new AppError('PLAN_NOT_APPROVED', 'The plan has not been approved by both parties.', { details: { status: plan.status } });
}

/**
 * Withdraws a plan that has not completed, with a reason. A started plan's case steps back from
 * in-transit to reunification-planned with the same reason, so that a new plan can be made.
 */
export async function withdrawPlan(deps: ReunificationDeps, actor: Actor, planId: string, reason: string) {
  const now = deps.clock.now();
  const caseId = await deps.db.transaction().execute(async (trx) => {
    const { plan, c, side } = await lockPlan(trx, actor, planId);
    const t = findPlanTransition(plan.status, 'withdraw');
    if (!t) throw lockedError(plan);
    if (plan.status === 'started' && c.status === 'in-transit') await applyCaseTransition(trx, actor, c, 'reunification-planned', { now, reason });
    const updated = await updatePlan(trx, plan.id, plan.version, { status: t.to, withdrawn_reason: reason, withdrawn_by: actor.userId, withdrawn_at: now, updated_at: now });
    if (!updated) throw stale(plan);
    await recordAudit(trx, actor, { action: 'reunification-plan.withdraw', recordType: 'reunification_plan', recordId: plan.id, reason, details: { from: plan.status } });
    await logPlanTransition(trx, { plan, from: plan.status, to: t.to, partyId: actor.partyId!, contentSha256: hashOf(plan) }, now);
    await notify(trx, now, {
      kind: 'reunification.plan-withdrawn',
      subjectType: 'reunification-plan',
      subjectId: plan.id,
      partyId: partyOfSide(c, otherSide(side)),
      roles: ['caseworker'],
      dedupeKey: `plan-withdrawn:${plan.id}`,
      details: { caseId: c.id },
    });
    return c.id;
  });
  await publishAfterCommit(deps);
  return viewAfterChange(deps, actor, caseId);
}
