import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findRules, findRunReports, replaceRules } from './retention.repository.ts';
import type { RetentionRuleInput } from './retention.schemas.ts';
import { ruleKinds, type RuleKind } from './retention.tables.ts';

export interface RetentionServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
}

const partyOf = (actor: Actor): string => {
  if (!actor.partyId) throw notFound();
  return actor.partyId;
};

async function presentRules(db: Kysely<DB>, partyId: string) {
  const rows = await findRules(db, partyId);
  return {
    rules: ruleKinds.map((kind) => {
      const r = rows.find((x) => x.kind === kind);
      return { kind, months: r?.months ?? null, updatedAt: r ? r.updated_at.toISOString() : null, updatedBy: r?.updated_by ?? null };
    }),
  };
}

/** The caller's party's rules, every kind listed (months null: off, the default). */
export async function getRetentionRules(deps: RetentionServiceDeps, actor: Actor) {
  return presentRules(deps.db, partyOf(actor));
}

/** Replaces the caller's party's rule set; the change (months before and after) is audited. */
export async function putRetentionRules(deps: RetentionServiceDeps, actor: Actor, input: RetentionRuleInput) {
  const partyId = partyOf(actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = Object.fromEntries((await findRules(trx, partyId)).map((r) => [r.kind, r.months])) as Partial<Record<RuleKind, number>>;
    await replaceRules(trx, partyId, input.rules, actor.userId, deps.clock.now());
    const after = Object.fromEntries(input.rules.map((r) => [r.kind, r.months]));
    await recordAudit(trx, actor, { action: 'retention.rules.update', recordType: 'party', recordId: partyId, details: { before, after } });
  });
  return presentRules(deps.db, partyId);
}

/** The caller's party's run reports, newest first (counts only). */
export async function listRetentionRuns(deps: RetentionServiceDeps, actor: Actor, limit: number) {
  const rows = await findRunReports(deps.db, partyOf(actor), limit);
  return {
    items: rows.map((r) => ({
      id: r.id,
      runId: r.run_id,
      status: r.status,
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at.toISOString(),
      results: r.results,
    })),
  };
}
