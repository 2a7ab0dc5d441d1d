import type { ReunificationView } from '../../../api/client.ts';

type Plan = NonNullable<ReunificationView['plan']>;
export type Side = 'holding' | 'family';

export const otherSide = (s: Side): Side => (s === 'holding' ? 'family' : 'holding');

/** Required documents not ticked done yet (the API refuses to start: PLAN_DOCUMENTS_MISSING). */
export function missingDocuments(plan: Pick<Plan, 'documents'>): string[] {
  return plan.documents.filter((d) => d.required && !d.done).map((d) => d.item);
}

/**
 * Where one side's approval stands: none; given for the content now shown; or given for other
 * content (a stale approval the server would have cleared; shown so nobody takes it for current).
 */
export function approvalState(
  plan: Pick<Plan, 'approvals' | 'contentHash'>,
  side: Side,
): 'none' | 'approved' | 'stale' {
  const a = plan.approvals[side];
  if (!a) return 'none';
  return a.contentHash === plan.contentHash ? 'approved' : 'stale';
}

/** What the caller's side can do with the plan now. */
export function planActions(view: Pick<ReunificationView, 'plan' | 'side' | 'handovers'>) {
  const plan = view.plan;
  const side = view.side;
  const live = plan && (plan.status === 'draft' || plan.status === 'approved' || plan.status === 'started');
  return {
    create: !plan || plan.status === 'withdrawn',
    edit: !!plan && (plan.status === 'draft' || plan.status === 'approved'),
    approve: !!plan && !!side && plan.status === 'draft' && approvalState(plan, side) !== 'approved',
    start: !!plan && plan.status === 'approved',
    withdraw: !!live,
    handover: !!plan && !!side && plan.status === 'started' && !view.handovers.some((h) => h.side === side),
  };
}

/** A short form of the content hash for reading aloud or comparing by eye. */
export const shortHash = (hash: string) => `${hash.slice(0, 8)}…${hash.slice(-4)}`;

/** `datetime-local` input value (local time) to an ISO instant, or null when empty or invalid. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** An ISO instant as a `datetime-local` input value in local time. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Welfare-check days typed as "7, 30, 90". */
export function parseOffsets(text: string): number[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isFinite(n));
}
