import type { ReunificationPlan } from '@homeward/contracts';
import { z } from 'zod';
import { handoverRecord, welfareCheck } from '@homeward/contracts';
import type { Actor } from '../auth/actor.ts';
import { hasTier } from '../auth/permissions.ts';
import { planContentHash, planContentOf } from './reunification-content.ts';
import type { HandoverRow, PlanRow, WelfareCheckRow } from './reunification.tables.ts';

/**
 * Everything here is seen only by the case's two parties (others get 404 from the service).
 * Within them, where the child travels, with whom and to whom (route, escort, handover point,
 * the receiving adult's name) is restricted tier: a leak could let someone intercept the child.
 * Notes about the child's wellbeing are sensitive tier.
 */
const approvalOf = (by: string | null, at: Date | null, hash: string | null) => (at && hash ? { userId: by, at: at.toISOString(), contentHash: hash } : null);

export function presentPlan(row: PlanRow, actor: Actor): ReunificationPlan {
  const restricted = hasTier(actor.roles, 'restricted');
  const withheld = restricted ? [] : ['route', 'escort', 'handoverPoint', 'receivingAdult.name'];
  return {
    id: row.id,
    caseId: row.case_id,
    status: row.status,
    ...(restricted ? { route: row.route, escort: row.escort, handoverPoint: row.handover_point } : {}),
    handoverAt: row.handover_at.toISOString(),
    receivingAdult: {
      ...(restricted ? { name: row.receiving_adult.name } : {}),
      relationship: row.receiving_adult.relationship as ReunificationPlan['receivingAdult']['relationship'],
    },
    documents: row.documents.map((d) => ({ item: d.item, required: d.required, done: d.done })),
    welfareCheckOffsets: row.welfare_offsets,
    contentHash: planContentHash(row.content_salt, planContentOf(row)),
    approvals: {
      holding: approvalOf(row.holding_approved_by, row.holding_approved_at, row.holding_approved_hash),
      family: approvalOf(row.family_approved_by, row.family_approved_at, row.family_approved_hash),
    },
    withdrawnReason: row.withdrawn_reason,
    startedAt: row.started_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    withheld,
  };
}

export function presentHandover(row: HandoverRow, actor: Actor): z.infer<typeof handoverRecord> {
  const sensitive = hasTier(actor.roles, 'sensitive');
  return {
    side: row.side,
    handedOverAt: row.handed_over_at.toISOString(),
    ...(sensitive ? { notes: row.notes, childWellbeing: row.child_wellbeing } : {}),
    recordHash: row.record_hash,
    logIndex: row.log_index === null ? null : Number(row.log_index),
    confirmedBy: row.confirmed_by,
    confirmedAt: row.confirmed_at.toISOString(),
  };
}

export function presentWelfareCheck(row: WelfareCheckRow, actor: Actor): z.infer<typeof welfareCheck> {
  return {
    id: row.id,
    caseId: row.case_id,
    planId: row.plan_id,
    offsetDays: row.offset_days,
    dueOn: row.due_on,
    status: row.status,
    outcome: row.outcome,
    ...(hasTier(actor.roles, 'sensitive') ? { notes: row.notes } : {}),
    missedReason: row.missed_reason,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at?.toISOString() ?? null,
    overdueFlaggedAt: row.overdue_flagged_at?.toISOString() ?? null,
  };
}
