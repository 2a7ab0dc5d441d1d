import { AppError, validationFailed } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { logStatusTransition } from '../transparency/log.service.ts';
import { findTransition, manualTargets, terminalStatuses, type CaseStatus, type CaseTransition } from './case-states.ts';
import { announceCase, checkCaseMove, endContactWithCase } from './case-effects.ts';
import { updateCaseStatus } from './cases.repository.ts';
import type { CaseRow } from './cases.tables.ts';

/**
 * Moves a case to `to` inside the caller's transaction, checked against the state table: the
 * history row, the audit entry and the transparency-log entry commit with it. The caller holds the
 * row (ideally `findCase(trx, id, true)`) and publishes a checkpoint after the commit.
 *
 * `via` names the workflow taking a step the table reserves for it (start of reunification,
 * handover); without it those steps are refused like any illegal one.
 */
export async function applyCaseTransition(
  trx: Executor,
  actor: Actor,
  row: CaseRow,
  to: CaseStatus,
  opts: { now: Date; reason?: string | null; version?: number; via?: CaseTransition['via'] },
): Promise<void> {
  const t = findTransition(row.status, to);
  const allowed = manualTargets(row.status);
  if (!t || (t.via && t.via !== opts.via)) {
    throw new AppError(
      'INVALID_TRANSITION',
      t?.via
        ? `A case moves to ${to} through the reunification workflow, not by hand. Allowed from ${row.status}: ${allowed.join(', ') || 'none'}.`
        : `A case cannot move from ${row.status} to ${to}. Allowed: ${allowed.join(', ') || 'none'}.`,
      { details: { from: row.status, to, allowed } },
    );
  }
  const reason = opts.reason?.trim() || null;
  if (t.needsReason && !reason) throw validationFailed([{ path: 'reason', message: `is required to move a case to ${to}` }]);
  await checkCaseMove(trx, row, to);
  const ok = await updateCaseStatus(trx, {
    id: row.id,
    from: row.status,
    to,
    version: opts.version ?? row.version,
    reason,
    actorUserId: actor.userId,
    at: opts.now,
    closed: terminalStatuses.includes(to),
  });
  if (!ok) {
    throw new AppError('VERSION_CONFLICT', 'This case was changed by someone else; reload it and try again.', { details: { currentVersion: row.version } });
  }
  await recordAudit(trx, actor, { action: 'case.transition', recordType: 'case', recordId: row.id, fields: ['status'], reason, details: { from: row.status, to } });
  await logStatusTransition(trx, { subjectType: 'case', subjectId: row.id, from: row.status, to, partyId: actor.partyId ?? row.holding_party_id }, opts.now);
  await endContactWithCase(trx, actor, row, to, opts.now);
  await announceCase(trx, row, opts.now, { from: row.status, to, version: (opts.version ?? row.version) + 1 });
}
