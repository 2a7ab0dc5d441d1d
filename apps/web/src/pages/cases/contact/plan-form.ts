/**
 * The contact-plan form's values, the request body they make, and their check with the API's
 * schemas (contactPlanInput to make a plan, contactPlanPatch to change one).
 */
import {
  contactPlanInput,
  contactPlanPatch,
  type CaseDetail,
  type ContactPlanInput,
  type ContactPlanPatch,
} from '@homeward/contracts';
import type { ContactPlan } from '../../../api/client.ts';
import { check, type Checked } from '../../../components/validation.ts';
import { weekdayAllowed } from './contact.ts';

export type PlanForm = {
  channel: ContactPlanInput['channel'];
  intervalDays: number;
  preferredWeekday: string | null;
  preferredTime: string;
  languages: string;
  interpreterNeeded: boolean;
  holdingSupervisorId: string;
  familySupervisorId: string;
  startsOn: string;
};

/** A changed plan starts from what it is; a new one from a weekly video call, with the user on their own side. */
export function initialPlanForm(plan: ContactPlan | null, side: CaseDetail['side'], me: string): PlanForm {
  if (plan)
    return {
      channel: plan.channel,
      intervalDays: plan.intervalDays,
      preferredWeekday: plan.preferredWeekday ? String(plan.preferredWeekday) : null,
      preferredTime: plan.preferredTime ?? '',
      languages: plan.languages.join(', '),
      interpreterNeeded: plan.interpreterNeeded,
      holdingSupervisorId: plan.holdingSupervisorId,
      familySupervisorId: plan.familySupervisorId,
      startsOn: '',
    };
  return {
    channel: 'video-call',
    intervalDays: 7,
    preferredWeekday: null,
    preferredTime: '',
    languages: '',
    interpreterNeeded: false,
    holdingSupervisorId: side === 'holding' ? me : '',
    familySupervisorId: side === 'family' ? me : '',
    startsOn: '',
  };
}

/** Languages typed as "uk, ru": lower-case codes. */
export const parseLanguages = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);

function fields(form: PlanForm) {
  return {
    channel: form.channel,
    intervalDays: form.intervalDays,
    preferredWeekday:
      form.preferredWeekday && weekdayAllowed(form.intervalDays) ? Number(form.preferredWeekday) : null,
    preferredTime: form.preferredTime || null,
    languages: parseLanguages(form.languages),
    interpreterNeeded: form.interpreterNeeded,
    holdingSupervisorId: form.holdingSupervisorId.trim(),
    familySupervisorId: form.familySupervisorId.trim(),
  };
}

/** The body to make a plan (POST), checked. */
export function checkNewPlan(form: PlanForm): Checked<ContactPlanInput> {
  return check(contactPlanInput, { ...fields(form), ...(form.startsOn ? { startsOn: form.startsOn } : {}) });
}

/** The body to change a plan (PATCH, with the version read), checked. */
export function checkPlanChange(form: PlanForm, version: number): Checked<ContactPlanPatch> {
  return check(contactPlanPatch, { ...fields(form), version });
}
