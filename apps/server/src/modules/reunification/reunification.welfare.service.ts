import type { WelfareRecord } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { isoDay } from '../names/date-rules.ts';
import { notify } from '../notifications/notify.ts';
import { overdueBefore } from './reunification-content.ts';
import { presentWelfareCheck } from './reunification.policy.ts';
import { claimOverdueWelfareChecks, findWelfareCheck, recordWelfareCheck } from './reunification.repository.ts';
import { lockVisibleCase, otherSide, partyOfSide, requireSide, type ReunificationDeps } from './reunification.support.ts';

/**
 * Records a welfare check once: done with an outcome, or missed with a reason. An `urgent`
 * outcome tells the other side's caseworkers at once. The case is never closed here: when every
 * check is recorded, a person closes it.
 */
export async function recordWelfare(deps: ReunificationDeps, actor: Actor, checkId: string, input: WelfareRecord) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const peek = await findWelfareCheck(trx, checkId);
    if (!peek) throw notFound();
    const c = await lockVisibleCase(trx, actor, peek.case_id);
    const side = requireSide(actor, c);
    const check = (await findWelfareCheck(trx, checkId, true))!;
    if (check.status !== 'scheduled') {
      throw new AppError('WELFARE_CHECK_RECORDED', `This welfare check was already recorded as ${check.status}.`, { details: { status: check.status } });
    }
    const updated = await recordWelfareCheck(trx, check.id, {
      status: input.status,
      outcome: input.status === 'done' ? input.outcome : null,
      missed_reason: input.status === 'missed' ? input.reason : null,
      notes: input.notes ?? null,
      recorded_by: actor.userId,
      recorded_at: now,
    });
    if (!updated) throw new AppError('WELFARE_CHECK_RECORDED', 'This welfare check was already recorded.');
    await recordAudit(trx, actor, {
      action: 'welfare-check.record',
      recordType: 'welfare_check',
      recordId: check.id,
      fields: ['status', ...(input.status === 'done' ? ['outcome'] : ['reason']), ...(input.notes ? ['notes'] : [])],
      details: { caseId: c.id, status: input.status, outcome: updated.outcome },
    });
    if (updated.outcome === 'urgent') {
      await notify(trx, now, {
        kind: 'reunification.welfare-urgent',
        subjectType: 'welfare-check',
        subjectId: check.id,
        partyId: partyOfSide(c, otherSide(side)),
        roles: ['caseworker'],
        dedupeKey: `welfare-urgent:${check.id}`,
        details: { caseId: c.id },
      });
    }
    return presentWelfareCheck(updated, actor);
  });
}

const BATCH = 500;

/**
 * Flags, once, every welfare check still not recorded more than WELFARE_GRACE_DAYS days after
 * it fell due, and tells the family side's caseworkers (the family's party follows the child up
 * at home). Idempotent: a flagged check is never claimed again, and the notice's dedupe key
 * holds even if two servers race. Returns how many checks were flagged.
 */
export async function flagOverdueWelfareChecks(ctx: { db: Kysely<DB>; clock: Clock }): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await flagBatch(ctx);
    total += n;
    if (n < BATCH) return total;
  }
}

async function flagBatch(ctx: { db: Kysely<DB>; clock: Clock }): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await claimOverdueWelfareChecks(trx, overdueBefore(isoDay(now)), now, BATCH);
    for (const r of rows) {
      await notify(trx, now, {
        kind: 'reunification.welfare-overdue',
        subjectType: 'welfare-check',
        subjectId: r.id,
        partyId: r.family_party_id,
        roles: ['caseworker'],
        dedupeKey: `welfare-overdue:${r.id}`,
        details: { caseId: r.case_id, dueOn: r.due_on },
      });
    }
    await recordAudit(
      trx,
      systemActor(),
      rows.map((r) => ({ action: 'welfare-check.overdue', recordType: 'welfare_check', recordId: r.id, details: { caseId: r.case_id, dueOn: r.due_on } })),
    );
    return rows.length;
  });
}
