import { AppError } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { deleteFutureScheduled, findOpenPlan, updatePlan } from '../contact/contact.repository.ts';
import { notify } from '../notifications/notify.ts';
import { countPendingWelfareChecks } from '../reunification/reunification.repository.ts';
import { activeStatuses, type CaseStatus } from './case-states.ts';
import type { CaseRow } from './cases.tables.ts';

/** Rules a move must meet beyond the state table, checked in the same transaction. */
export async function checkCaseMove(trx: Executor, row: CaseRow, to: CaseStatus): Promise<void> {
  if (to === 'closed') {
    const pending = await countPendingWelfareChecks(trx, row.id);
    if (pending > 0) {
      throw new AppError('WELFARE_CHECKS_PENDING', 'A case is closed only when every welfare check after return is recorded (done or missed).', {
        details: { pending },
      });
    }
  }
}

/** Both parties' caseworkers hear of a case's opening and of each change of its status (ids only). */
export async function announceCase(trx: Executor, row: Pick<CaseRow, 'id' | 'holding_party_id' | 'family_party_id'>, now: Date, change: { from: string; to: string; version: number } | null) {
  for (const partyId of new Set([row.holding_party_id, row.family_party_id])) {
    await notify(trx, now, {
      kind: change ? 'case.status-changed' : 'case.opened',
      subjectType: 'case',
      subjectId: row.id,
      partyId,
      roles: ['caseworker'],
      dedupeKey: change ? `case-moved:${row.id}:${change.version}` : `case-opened:${row.id}`,
      details: change ? { from: change.from, to: change.to } : {},
    });
  }
}

/**
 * Contact continues until the child is home: when a case leaves the active statuses (reunited,
 * declined, unable to proceed, transferred…) its contact plan ends with it, and the contacts not
 * yet due are withdrawn. Contacts already due stay on record.
 */
export async function endContactWithCase(trx: Executor, actor: Actor, row: CaseRow, to: CaseStatus, now: Date): Promise<void> {
  if (activeStatuses.includes(to) || !activeStatuses.includes(row.status)) return;
  const plan = await findOpenPlan(trx, row.id, true);
  if (!plan) return;
  await updatePlan(trx, plan.id, plan.version, { status: 'cancelled', status_reason: `The case moved to ${to}.`, updated_at: now });
  await deleteFutureScheduled(trx, plan.id, now);
  await recordAudit(trx, actor, { action: 'contact-plan.cancel', recordType: 'contact_plan', recordId: plan.id, fields: ['status'], details: { caseId: row.id, caseStatus: to } });
}
