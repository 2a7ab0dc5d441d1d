import type { ReunificationSide } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { canSeeCase, sideOf } from '../cases/cases.policy.ts';
import { findCase } from '../cases/cases.repository.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { appendLogEntry, newEntry, publishCheckpoint } from '../transparency/log.service.ts';
import { findPlan } from './reunification.repository.ts';
import type { PlanRow } from './reunification.tables.ts';

export interface ReunificationDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret: present when the transparency log is in use (checkpoints are re-signed). */
  secret?: Buffer | undefined;
}

/** The party on the other side of the case. */
export const otherSide = (side: ReunificationSide): ReunificationSide => (side === 'holding' ? 'family' : 'holding');
export const partyOfSide = (c: CaseRow, side: ReunificationSide) => (side === 'holding' ? c.holding_party_id : c.family_party_id);

/** Only a member of one of the case's two parties acts on its plan (the system has no side). */
export function requireSide(actor: Actor, c: CaseRow): ReunificationSide {
  const side = sideOf(actor, c);
  if (!side) throw new AppError('FORBIDDEN', "Only a member of one of the case's two parties can do this.");
  return side;
}

/** A case the actor may see (404 otherwise); `forUpdate` locks it for the transaction. */
export async function findVisibleCase(trx: Executor, actor: Actor, caseId: string, forUpdate = false): Promise<CaseRow> {
  const c = await findCase(trx, caseId, forUpdate);
  if (!c || !canSeeCase(actor, c)) throw notFound();
  return c;
}

export const lockVisibleCase = (trx: Executor, actor: Actor, caseId: string) => findVisibleCase(trx, actor, caseId, true);

/**
 * Loads a plan the actor may see and locks its case, then the plan: always in this order, so
 * that two changes to the same case cannot deadlock. Missing and not visible are both 404.
 */
export async function lockPlan(trx: Executor, actor: Actor, planId: string): Promise<{ plan: PlanRow; c: CaseRow; side: ReunificationSide }> {
  const peek = await findPlan(trx, planId);
  if (!peek) throw notFound();
  const c = await lockVisibleCase(trx, actor, peek.case_id);
  const plan = (await findPlan(trx, planId, true))!;
  return { plan, c, side: requireSide(actor, c) };
}

/** Enters a plan's status change in the transparency log: ids, status codes and the content hash only. */
export async function logPlanTransition(
  trx: Executor,
  e: { plan: Pick<PlanRow, 'id' | 'case_id'>; from: string; to: string; partyId: string; contentSha256: string },
  now: Date,
): Promise<number> {
  return appendLogEntry(
    trx,
    newEntry(
      {
        kind: 'status-transition',
        party: e.partyId,
        subjectRef: `reunification-plan/${e.plan.id}`,
        from: e.from,
        to: e.to,
        meta: { case: e.plan.case_id, contentSha256: e.contentSha256 },
      },
      now,
    ),
  );
}

/** Re-signs the log's checkpoint after a commit that appended entries. */
export async function publishAfterCommit(deps: ReunificationDeps): Promise<void> {
  if (deps.secret) await publishCheckpoint({ db: deps.db, clock: deps.clock, secret: deps.secret });
}
