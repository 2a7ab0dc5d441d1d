import { describe, expect, it } from 'vitest';
import { caseSteps, moveKind, type CaseEvent } from '../src/pages/cases/case-steps.ts';

const ev = (from: CaseEvent['from'], to: CaseEvent['to'], reason: string | null = null): CaseEvent => ({
  from,
  to,
  reason,
  at: '2026-01-01T00:00:00Z',
});
const states = (s: ReturnType<typeof caseSteps>) => s.steps.map((x) => `${x.status}:${x.state}`);

describe('case stepper', () => {
  it('shows a new case on its first step with everything else to come', () => {
    const s = caseSteps('located', [ev(null, 'located')]);
    expect(states(s).slice(0, 3)).toEqual(['located:current', 'verified:upcoming', 'in-contact:upcoming']);
    expect(s.exits).toEqual([]);
    expect(s.inSideExit).toBe(false);
  });

  it('marks the steps passed as done', () => {
    const s = caseSteps('in-contact', [
      ev(null, 'located'),
      ev('located', 'verified'),
      ev('verified', 'in-contact'),
    ]);
    expect(states(s).slice(0, 4)).toEqual([
      'located:done',
      'verified:done',
      'in-contact:current',
      'reunification-planned:upcoming',
    ]);
  });

  it('pauses on the step a side exit left and lists the exit', () => {
    const history = [
      ev(null, 'located'),
      ev('located', 'verified'),
      ev('verified', 'declined', 'does not want contact'),
    ];
    const s = caseSteps('declined', history);
    expect(states(s).slice(0, 3)).toEqual(['located:done', 'verified:paused', 'in-contact:upcoming']);
    expect(s.exits.map((e) => e.to)).toEqual(['declined']);
    expect(s.inSideExit).toBe(true);
  });

  it('shows the steps a case closed from a side exit never went through as skipped', () => {
    const history = [
      ev(null, 'located'),
      ev('located', 'unable-to-proceed', 'x'),
      ev('unable-to-proceed', 'closed', 'y'),
    ];
    const s = caseSteps('closed', history);
    expect(states(s)).toEqual([
      'located:done',
      'verified:skipped',
      'in-contact:skipped',
      'reunification-planned:skipped',
      'in-transit:skipped',
      'reunited:skipped',
      'follow-up:skipped',
      'closed:done',
    ]);
    expect(s.exits.map((e) => e.to)).toEqual(['unable-to-proceed']);
  });

  it('names each kind of move for its button', () => {
    expect(moveKind('located', 'verified')).toBe('forward');
    expect(moveKind('verified', 'located')).toBe('back');
    expect(moveKind('verified', 'declined')).toBe('exit');
    expect(moveKind('declined', 'in-contact')).toBe('resume');
    expect(moveKind('declined', 'closed')).toBe('close');
  });
});
