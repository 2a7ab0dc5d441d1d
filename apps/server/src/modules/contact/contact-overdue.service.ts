import { recordAudit } from '../audit/audit.repository.ts';
import { systemActor } from '../auth/actor.ts';
import { isContactSuspended } from '../consent/consent.gate.ts';
import { notify } from '../notifications/notify.ts';
import { topUpPlan, type ContactDeps } from './contact-plans.service.ts';
import { findActivePlanIds, findOverdueCandidates, findPlan, flagOverdue } from './contact.repository.ts';

/** Overdue contacts handled per run; a backlog is worked off over the next runs. */
const BATCH = 500;

/**
 * The overdue-contact job: tops up every active plan's horizon, then flags each contact still
 * unrecorded after its grace, once, and notifies the two supervising officers and the
 * communications officers of both parties. Running it again (or on two servers at once) flags
 * and notifies nothing twice: the flag is set only where it is still empty, and the
 * notifications are deduplicated per contact.
 */
export async function flagOverdueContacts(deps: ContactDeps): Promise<{ generated: number; flagged: number; notified: number }> {
  const now = deps.clock.now();
  const actor = systemActor();
  let generated = 0;
  for (const planId of await findActivePlanIds(deps.db)) {
    generated += await deps.db.transaction().execute(async (trx) => {
      const plan = await findPlan(trx, planId, true);
      return plan ? topUpPlan(trx, plan, now) : 0;
    });
  }
  let flagged = 0;
  let notified = 0;
  for (const o of await findOverdueCandidates(deps.db, now, BATCH)) {
    notified += await deps.db.transaction().execute(async (trx) => {
      // A contact that could not happen because contact is suspended is not overdue (yet).
      if (await isContactSuspended(trx, o.case_id)) return 0;
      if (!(await flagOverdue(trx, o.id, now))) return 0;
      flagged++;
      const base = {
        kind: 'contact.overdue',
        subjectType: 'case' as const,
        subjectId: o.case_id,
        dedupeKey: `contact-overdue:${o.id}`,
        details: { planId: o.plan_id, occurrenceId: o.id, channel: o.channel, dueAt: o.due_at.toISOString() },
      };
      let n = 0;
      n += await notify(trx, now, { ...base, partyId: o.holding_party_id, userIds: [o.holding_supervisor_id] });
      n += await notify(trx, now, { ...base, partyId: o.family_party_id, userIds: [o.family_supervisor_id] });
      n += await notify(trx, now, { ...base, partyId: o.holding_party_id, roles: ['communications-officer'] });
      n += await notify(trx, now, { ...base, partyId: o.family_party_id, roles: ['communications-officer'] });
      await recordAudit(trx, actor, {
        action: 'contact.overdue',
        recordType: 'contact_occurrence',
        recordId: o.id,
        details: { caseId: o.case_id, planId: o.plan_id, dueAt: o.due_at.toISOString(), notified: n },
      });
      return n;
    });
  }
  return { generated, flagged, notified };
}
