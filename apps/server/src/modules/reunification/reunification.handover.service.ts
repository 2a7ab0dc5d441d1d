import type { HandoverInput, ReunificationSide } from '@homeward/contracts';
import { randomBytes } from 'node:crypto';
import { AppError, validationFailed } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { applyCaseTransition } from '../cases/case-transition.ts';
import { findCase } from '../cases/cases.repository.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { isoDay } from '../names/date-rules.ts';
import { notify } from '../notifications/notify.ts';
import { signAttestation } from '../attestations/attestation-sign.ts';
import { loadCaseWithHandover } from '../attestations/attestation-subjects.ts';
import { findPolicies } from '../attestations/attestations.repository.ts';
import type { HandoverFacts } from '../attestations/covered-content.ts';
import { findSigningKey } from '../transparency/keys.repository.ts';
import { appendLogEntry, newEntry } from '../transparency/log.service.ts';
import { findPlanTransition } from './reunification-states.ts';
import { handoverRecordHash, planContentHash, planContentOf, welfareSchedule } from './reunification-content.ts';
import { findHandovers, insertHandover, insertWelfareChecks, updatePlan } from './reunification.repository.ts';
import { notApproved, viewAfterChange } from './reunification.service.ts';
import { lockPlan, logPlanTransition, otherSide, partyOfSide, publishAfterCommit, type ReunificationDeps } from './reunification.support.ts';
import type { HandoverRow, PlanRow } from './reunification.tables.ts';

/** A handover time may be this far ahead of the server's clock (clock skew between devices). */
const SKEW_MS = 5 * 60_000;

/**
 * One side records the handover of a started plan. The record is hashed (salted). When the side's
 * party has a signing key, the party signs a `handover-completed` attestation over its record in
 * the same transaction (the attestation is the record's log entry); otherwise the hash alone is
 * entered in the transparency log. When both sides have recorded it, the plan completes, the case
 * goes reunited, the welfare checks are scheduled and the case moves on to follow-up.
 */
export async function recordHandover(deps: ReunificationDeps, actor: Actor, planId: string, input: HandoverInput) {
  const now = deps.clock.now();
  const handedOverAt = new Date(input.handedOverAt);
  if (handedOverAt.getTime() > now.getTime() + SKEW_MS) throw validationFailed([{ path: 'handedOverAt', message: 'is in the future' }]);
  const caseId = await deps.db.transaction().execute(async (trx) => {
    const { plan, c, side } = await lockPlan(trx, actor, planId);
    const records = await findHandovers(trx, plan.id);
    if (records.some((r) => r.side === side)) {
      throw new AppError('HANDOVER_ALREADY_CONFIRMED', `The ${side} side has already recorded this handover.`, { details: { side } });
    }
    if (plan.status === 'draft' || plan.status === 'withdrawn') throw notApproved(plan);
    if (plan.status !== 'started') {
      throw new AppError('PLAN_NOT_STARTED', 'The plan is approved but has not been started: start it when the child sets out.', { details: { status: plan.status } });
    }
    const contentSha256 = planContentHash(plan.content_salt, planContentOf(plan));
    const salt = randomBytes(32);
    const record = { planId: plan.id, planContentHash: contentSha256, side, handedOverAt: handedOverAt.toISOString(), notes: input.notes ?? null, childWellbeing: input.childWellbeing ?? null };
    const recordHash = handoverRecordHash(salt, record);
    const facts: HandoverFacts = { planId: plan.id, side, handedOverAt: record.handedOverAt, planContentHash: contentSha256, recordSha256: recordHash, confirmedAt: now };
    const logIndex = (await signHandover(trx, deps, actor, c.id, facts)) ?? (await logHandoverHash(trx, actor, facts, now));
    const mine = await insertHandover(trx, {
      plan_id: plan.id,
      side,
      handed_over_at: handedOverAt,
      notes: record.notes,
      child_wellbeing: record.childWellbeing,
      record_salt: salt,
      record_hash: recordHash,
      log_index: logIndex,
      confirmed_by: actor.userId,
      confirmed_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'reunification-handover.confirm',
      recordType: 'reunification_plan',
      recordId: plan.id,
      fields: ['handedOverAt', ...(input.notes ? ['notes'] : []), ...(input.childWellbeing ? ['childWellbeing'] : [])],
      details: { side, recordSha256: recordHash, logIndex },
    });
    const theirs = records.find((r) => r.side === otherSide(side));
    if (theirs) await completeReunification(trx, actor, { plan, c, contentSha256, records: [theirs, mine], now });
    else await awaitOtherSide(trx, c, plan, side, now);
    return c.id;
  });
  await publishAfterCommit(deps);
  return viewAfterChange(deps, actor, caseId);
}

/**
 * The side's party signs a `handover-completed` attestation over its record, when it has a
 * signing key (it is never created here) and the claim is defined for cases. The attestation
 * covers the record's salted hash, which itself covers the notes and the wellbeing note, so the
 * bare hash entry would add nothing: the attestation replaces it. Returns its log index, or null.
 */
async function signHandover(trx: Executor, deps: ReunificationDeps, actor: Actor, caseId: string, h: HandoverFacts): Promise<number | null> {
  if (!deps.secret || !actor.partyId || !actor.userId) return null;
  const now = h.confirmedAt;
  const key = await findSigningKey(trx, actor.partyId, 'attestation', now);
  const policy = (await findPolicies(trx)).find((p) => p.claim === 'handover-completed' && p.subjectType === 'case');
  if (!key || !policy) return null;
  const subject = await loadCaseWithHandover(trx, caseId, h);
  if (!subject) return null;
  const signed = await signAttestation(trx, {
    actor: { ...actor, partyId: actor.partyId, userId: actor.userId },
    key,
    subject,
    claim: policy.claim,
    decision: 'verified',
    coveredFields: policy.coveredFields,
    now,
    secret: deps.secret,
  });
  return signed.logIndex;
}

/** Without a key: the record's salted hash alone goes in the log (ids and hashes only). */
async function logHandoverHash(trx: Executor, actor: Actor, h: HandoverFacts, now: Date): Promise<number> {
  return appendLogEntry(
    trx,
    newEntry(
      {
        kind: 'status-transition',
        party: actor.partyId!,
        subjectRef: `reunification-handover/${h.planId}/${h.side}`,
        from: 'pending',
        to: 'confirmed',
        meta: { recordSha256: h.recordSha256, planContentSha256: h.planContentHash },
      },
      now,
    ),
  );
}

async function awaitOtherSide(trx: Executor, c: CaseRow, plan: PlanRow, side: ReunificationSide, now: Date) {
  await notify(trx, now, {
    kind: 'reunification.handover-awaiting',
    subjectType: 'reunification-plan',
    subjectId: plan.id,
    partyId: partyOfSide(c, otherSide(side)),
    roles: ['caseworker'],
    dedupeKey: `handover-awaiting:${plan.id}`,
    details: { caseId: c.id },
  });
}

/**
 * Both sides have recorded the handover: the plan completes, the case goes reunited and, once
 * its welfare checks are scheduled, follow-up. The checks count from the day of the handover
 * (the later of the two times recorded), not from the day the second side got round to it.
 */
async function completeReunification(
  trx: Executor,
  actor: Actor,
  x: { plan: PlanRow; c: CaseRow; contentSha256: string; records: HandoverRow[]; now: Date },
) {
  const { plan, c, now } = x;
  const t = findPlanTransition(plan.status, 'handover-completed')!;
  await updatePlan(trx, plan.id, plan.version, { status: t.to, completed_at: now, updated_at: now });
  await logPlanTransition(trx, { plan, from: plan.status, to: t.to, partyId: actor.partyId!, contentSha256: x.contentSha256 }, now);
  await applyCaseTransition(trx, actor, c, 'reunited', { now, via: 'handover' });
  const homeAt = new Date(Math.max(...x.records.map((r) => r.handed_over_at.getTime())));
  const checks = await insertWelfareChecks(
    trx,
    welfareSchedule(isoDay(homeAt), plan.welfare_offsets).map((s) => ({
      case_id: c.id,
      plan_id: plan.id,
      offset_days: s.offsetDays,
      due_on: s.dueOn,
      status: 'scheduled' as const,
      created_at: now,
    })),
  );
  await recordAudit(trx, actor, [
    { action: 'reunification-plan.complete', recordType: 'reunification_plan', recordId: plan.id, details: { caseId: c.id } },
    ...checks.map((w) => ({ action: 'welfare-check.schedule', recordType: 'welfare_check', recordId: w.id, details: { caseId: c.id, dueOn: w.due_on } })),
  ]);
  if (checks.length) {
    const reunited = (await findCase(trx, c.id, true))!;
    await applyCaseTransition(trx, actor, reunited, 'follow-up', { now });
  }
}
