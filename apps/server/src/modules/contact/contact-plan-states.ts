import { contactPlanStatuses, type ContactPlanStatus } from '@homeward/contracts';

/**
 * The contact plan state table: the one place that says which status may follow which.
 * docs/CONTACT.md draws its diagram from it.
 *
 * A plan is `active` while contacts are scheduled from it. It can be `suspended` (for a while:
 * the child is in hospital, a call line is down) and resumed, or `cancelled` for good, which is
 * also what happens to it when a new plan for the same case replaces it. Stopping contact always
 * needs a reason.
 */
export { contactPlanStatuses, type ContactPlanStatus };

export interface ContactPlanTransition {
  to: ContactPlanStatus;
  /** A person must say why. */
  needsReason?: true;
}

export const contactPlanTransitions: Record<ContactPlanStatus, readonly ContactPlanTransition[]> = {
  active: [
    { to: 'suspended', needsReason: true },
    { to: 'cancelled', needsReason: true },
  ],
  suspended: [{ to: 'active' }, { to: 'cancelled', needsReason: true }],
  cancelled: [],
};

export function findPlanTransition(from: ContactPlanStatus, to: ContactPlanStatus): ContactPlanTransition | undefined {
  return contactPlanTransitions[from].find((t) => t.to === to);
}
