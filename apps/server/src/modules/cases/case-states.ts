/**
 * The case state table: the one place that says which status may follow which. Services check
 * every change against it; docs/CASES.md draws its diagram from it (npm run docs:states).
 *
 * Main line: located → verified → in-contact → reunification-planned → in-transit → reunited →
 * follow-up → closed. Side exits (declined, unable-to-proceed, transferred) and every step back
 * need a reason. Two steps belong to the reunification workflow and cannot be taken by hand:
 * `in-transit` starts when both parties have approved the plan and it is started, and `reunited`
 * follows the handover record completed by both sides.
 */
export const caseStatuses = [
  'located',
  'verified',
  'in-contact',
  'reunification-planned',
  'in-transit',
  'reunited',
  'follow-up',
  'closed',
  'declined',
  'unable-to-proceed',
  'transferred',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export interface CaseTransition {
  to: CaseStatus;
  /** A person must say why (side exits and steps back). */
  needsReason?: true;
  /** Taken only by that workflow, never through the generic transition endpoint. */
  via?: 'reunification-start' | 'handover';
}

const exits: CaseTransition[] = [
  { to: 'declined', needsReason: true },
  { to: 'unable-to-proceed', needsReason: true },
  { to: 'transferred', needsReason: true },
];

export const caseTransitions: Record<CaseStatus, readonly CaseTransition[]> = {
  located: [{ to: 'verified' }, ...exits],
  verified: [{ to: 'in-contact' }, { to: 'located', needsReason: true }, ...exits],
  'in-contact': [{ to: 'reunification-planned' }, ...exits],
  'reunification-planned': [{ to: 'in-transit', via: 'reunification-start' }, { to: 'in-contact', needsReason: true }, ...exits],
  'in-transit': [{ to: 'reunited', via: 'handover' }, { to: 'reunification-planned', needsReason: true }, { to: 'unable-to-proceed', needsReason: true }],
  reunited: [{ to: 'follow-up' }],
  'follow-up': [{ to: 'closed' }],
  closed: [],
  // A young adult may change their mind; an obstacle may clear; both reopen contact, with a reason.
  declined: [{ to: 'in-contact', needsReason: true }, { to: 'closed', needsReason: true }],
  'unable-to-proceed': [{ to: 'in-contact', needsReason: true }, { to: 'closed', needsReason: true }],
  transferred: [],
};

/** Statuses in which the child is not home yet and contact must continue. */
export const activeStatuses: readonly CaseStatus[] = ['located', 'verified', 'in-contact', 'reunification-planned', 'in-transit'];

export const terminalStatuses: readonly CaseStatus[] = caseStatuses.filter((s) => caseTransitions[s].length === 0);

export function findTransition(from: CaseStatus, to: CaseStatus): CaseTransition | undefined {
  return caseTransitions[from].find((t) => t.to === to);
}

/** The statuses a person may move a case to from `from` through the generic endpoint. */
export function manualTargets(from: CaseStatus): CaseStatus[] {
  return caseTransitions[from].filter((t) => !t.via).map((t) => t.to);
}
