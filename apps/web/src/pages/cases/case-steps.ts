import type { CaseStatusCode } from '@homeward/contracts';

/** The main line of a case, in order (docs/CASES.md). */
export const mainLine = [
  'located',
  'verified',
  'in-contact',
  'reunification-planned',
  'in-transit',
  'reunited',
  'follow-up',
  'closed',
] as const satisfies readonly CaseStatusCode[];

export const sideExits = [
  'declined',
  'unable-to-proceed',
  'transferred',
] as const satisfies readonly CaseStatusCode[];

export const stepStates = ['done', 'current', 'paused', 'skipped', 'upcoming'] as const;
export type StepState = (typeof stepStates)[number];
export type Step = { status: CaseStatusCode; state: StepState };
export type CaseEvent = {
  from: CaseStatusCode | null;
  to: CaseStatusCode;
  reason: string | null;
  at: string;
};

const onMainLine = (s: CaseStatusCode) => (mainLine as readonly string[]).includes(s);
export const isSideExit = (s: CaseStatusCode) => (sideExits as readonly string[]).includes(s);

/**
 * The stepper's view of a case: each main-line status done, current, upcoming, skipped (a case
 * closed from a side exit never went through the steps between) or paused (the step the case
 * left for a side exit it is now in), and the side exits it has taken, latest last.
 */
export function caseSteps(status: CaseStatusCode, history: readonly CaseEvent[]) {
  const reached = new Set<CaseStatusCode>(history.map((e) => e.to));
  reached.add(status);
  // On a side exit the stepper stays on the main-line status the case left.
  const lastMain = [...history].reverse().find((e) => onMainLine(e.to))?.to ?? 'located';
  const at = onMainLine(status) ? status : lastMain;
  const idx = mainLine.indexOf(at as (typeof mainLine)[number]);
  const steps: Step[] = mainLine.map((s, i) => ({
    status: s,
    state:
      i < idx
        ? reached.has(s)
          ? 'done'
          : 'skipped'
        : i === idx
          ? onMainLine(status)
            ? status === 'closed'
              ? 'done'
              : 'current'
            : 'paused'
          : 'upcoming',
  }));
  const exits = history.filter((e) => isSideExit(e.to));
  return { steps, exits, current: idx, inSideExit: isSideExit(status) };
}

export const moveKinds = ['forward', 'back', 'exit', 'close', 'resume'] as const;
export type MoveKind = (typeof moveKinds)[number];

/** What kind of move `from → to` is, for the button's look and wording. */
export function moveKind(from: CaseStatusCode, to: CaseStatusCode): MoveKind {
  if (isSideExit(to)) return 'exit';
  if (to === 'closed') return 'close';
  if (isSideExit(from)) return 'resume';
  const a = mainLine.indexOf(from as (typeof mainLine)[number]);
  const b = mainLine.indexOf(to as (typeof mainLine)[number]);
  return b > a ? 'forward' : 'back';
}
