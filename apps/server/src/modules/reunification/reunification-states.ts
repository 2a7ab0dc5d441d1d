import { reunificationPlanStatuses, type ReunificationPlanStatus } from '@homeward/contracts';

/**
 * The reunification plan's state table: the one place that says which status may follow which
 * and what makes it move. The service checks every change against it; docs/REUNIFICATION.md
 * draws its diagram from it.
 *
 * draft → approved when both sides have approved the same content; approved → draft when the
 * content changes (both approvals are cleared); approved → started by either side once every
 * required document is done (the case goes in-transit); started → completed when both sides
 * have recorded the handover (the case goes reunited, then follow-up). Until it completes, a plan
 * can be withdrawn, with a reason.
 */
export const planStatuses = reunificationPlanStatuses;
export type PlanStatus = ReunificationPlanStatus;

export type PlanTrigger = 'both-approved' | 'content-changed' | 'start' | 'handover-completed' | 'withdraw';

export interface PlanTransition {
  to: PlanStatus;
  /** What moves the plan: never a free choice of target status. */
  on: PlanTrigger;
  needsReason?: true;
}

const withdraw: PlanTransition = { to: 'withdrawn', on: 'withdraw', needsReason: true };

export const planTransitions: Record<PlanStatus, readonly PlanTransition[]> = {
  draft: [{ to: 'approved', on: 'both-approved' }, withdraw],
  approved: [{ to: 'draft', on: 'content-changed' }, { to: 'started', on: 'start' }, withdraw],
  started: [{ to: 'completed', on: 'handover-completed' }, withdraw],
  completed: [],
  withdrawn: [],
};

/** Statuses in which the plan's content may change (and approvals be given). */
export const editablePlanStatuses: readonly PlanStatus[] = ['draft', 'approved'];

export function findPlanTransition(from: PlanStatus, on: PlanTrigger): PlanTransition | undefined {
  return planTransitions[from].find((t) => t.on === on);
}

/** The diagram for the docs (Mermaid state diagram). */
export function planStateDiagram(): string {
  const lines = ['stateDiagram-v2', '  [*] --> draft'];
  for (const from of planStatuses) {
    for (const t of planTransitions[from]) lines.push(`  ${from} --> ${t.to}: ${t.on}${t.needsReason ? ' (reason)' : ''}`);
  }
  for (const s of planStatuses.filter((s) => planTransitions[s].length === 0)) lines.push(`  ${s} --> [*]`);
  return lines.join('\n');
}
