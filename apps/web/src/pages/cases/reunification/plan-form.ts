/**
 * The reunification-plan form's values and the bodies they make, checked with the API's schemas
 * (reunificationPlanInput to draw up a plan, reunificationPlanPatch to change one). A change
 * sends only the fields that changed: an unchanged field must not clear the approvals.
 */
import {
  reunificationPlanInput,
  reunificationPlanPatch,
  type ReunificationPlanInput,
  type ReunificationPlanPatch,
} from '@homeward/contracts';
import type { ReunificationView } from '../../../api/client.ts';
import { check, type Checked } from '../../../components/validation.ts';
import { isoToLocalInput, localInputToIso, parseOffsets } from './reunification.ts';

export type Plan = NonNullable<ReunificationView['plan']>;
export type DocRow = { item: string; required: boolean; done: boolean };
export type PlanForm = {
  route: string;
  escort: string;
  handoverPoint: string;
  handoverAt: string;
  adultName: string;
  relationship: ReunificationPlanInput['receivingAdult']['relationship'];
  documents: DocRow[];
  offsets: string;
};

/** The form for a plan (as it is), or for a new one (welfare checks after 7, 30 and 90 days). */
export const planForm = (plan: Plan | null): PlanForm => ({
  route: plan?.route ?? '',
  escort: plan?.escort ?? '',
  handoverPoint: plan?.handoverPoint ?? '',
  handoverAt: isoToLocalInput(plan?.handoverAt),
  adultName: plan?.receivingAdult.name ?? '',
  relationship: plan?.receivingAdult.relationship ?? 'mother',
  documents: plan?.documents.map((d) => ({ ...d })) ?? [],
  offsets: (plan?.welfareCheckOffsets ?? [7, 30, 90]).join(', '),
});

/** The whole plan the form describes (documents without a name left out). */
export function planInput(form: PlanForm) {
  return {
    route: form.route.trim(),
    escort: form.escort.trim(),
    handoverPoint: form.handoverPoint.trim(),
    handoverAt: localInputToIso(form.handoverAt) ?? '',
    receivingAdult: { name: form.adultName.trim(), relationship: form.relationship },
    documents: form.documents.map((d) => ({ ...d, item: d.item.trim() })).filter((d) => d.item),
    welfareCheckOffsets: parseOffsets(form.offsets),
  };
}

export function checkNewPlan(form: PlanForm): Checked<ReunificationPlanInput> {
  return check(reunificationPlanInput, planInput(form));
}

/** Only what changed since `plan` was read, with its version. */
export function checkPlanChange(form: PlanForm, plan: Plan): Checked<ReunificationPlanPatch> {
  const input = planInput(form);
  const before = planForm(plan);
  const changed: Partial<ReturnType<typeof planInput>> = {};
  if (form.route !== before.route) changed.route = input.route;
  if (form.escort !== before.escort) changed.escort = input.escort;
  if (form.handoverPoint !== before.handoverPoint) changed.handoverPoint = input.handoverPoint;
  if (form.handoverAt !== before.handoverAt) changed.handoverAt = input.handoverAt;
  if (form.adultName !== before.adultName || form.relationship !== before.relationship)
    changed.receivingAdult = input.receivingAdult;
  if (JSON.stringify(form.documents) !== JSON.stringify(before.documents))
    changed.documents = input.documents;
  if (form.offsets !== before.offsets) changed.welfareCheckOffsets = input.welfareCheckOffsets;
  return check(reunificationPlanPatch, { ...changed, version: plan.version });
}
