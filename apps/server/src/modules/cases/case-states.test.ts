import { caseStatuses as contractStatuses } from '@homeward/contracts';
import { describe, expect, it } from 'vitest';
import { mermaidDiagram, stateTables, updateStateDiagrams } from '../../../scripts/state-diagrams.ts';
import { caseStatuses, caseTransitions, findTransition, manualTargets, terminalStatuses, type CaseStatus } from './case-states.ts';

const mainLine: CaseStatus[] = ['located', 'verified', 'in-contact', 'reunification-planned', 'in-transit', 'reunited', 'follow-up', 'closed'];
const sideExits: CaseStatus[] = ['declined', 'unable-to-proceed', 'transferred'];

function reachableFrom(start: CaseStatus): Set<CaseStatus> {
  const seen = new Set<CaseStatus>([start]);
  const queue = [start];
  while (queue.length) for (const t of caseTransitions[queue.shift()!]) if (!seen.has(t.to) && seen.add(t.to)) queue.push(t.to);
  return seen;
}

describe('case state table', () => {
  it('reaches every status from located, and from every status reaches an end', () => {
    expect([...reachableFrom('located')].sort()).toEqual([...caseStatuses].sort());
    for (const s of caseStatuses) expect([...reachableFrom(s)].some((r) => terminalStatuses.includes(r)), s).toBe(true);
  });

  it('has exactly closed and transferred as terminal statuses, with no way out', () => {
    expect([...terminalStatuses].sort()).toEqual(['closed', 'transferred']);
    for (const s of terminalStatuses) expect(manualTargets(s)).toEqual([]);
  });

  it('follows the main line forward without a reason', () => {
    for (const [i, from] of mainLine.slice(0, -1).entries()) {
      const t = findTransition(from, mainLine[i + 1]!);
      expect(t, `${from} → ${mainLine[i + 1]}`).toBeDefined();
      expect(t!.needsReason).toBeUndefined();
    }
  });

  it('asks a reason for every side exit and every step back', () => {
    for (const from of caseStatuses) {
      for (const t of caseTransitions[from]) {
        const back = mainLine.includes(from) && mainLine.includes(t.to) && mainLine.indexOf(t.to) < mainLine.indexOf(from);
        if (sideExits.includes(t.to) || back) expect(t.needsReason, `${from} → ${t.to}`).toBe(true);
      }
    }
    expect(findTransition('verified', 'located')?.needsReason).toBe(true);
    expect(findTransition('declined', 'in-contact')?.needsReason).toBe(true);
  });

  it('keeps the reunification steps out of the manual moves', () => {
    const via = caseStatuses.flatMap((from) => caseTransitions[from].filter((t) => t.via).map((t) => `${from} → ${t.to} via ${t.via}`));
    expect(via).toEqual(['reunification-planned → in-transit via reunification-start', 'in-transit → reunited via handover']);
    expect(manualTargets('reunification-planned')).not.toContain('in-transit');
    expect(manualTargets('in-transit')).not.toContain('reunited');
    expect(manualTargets('in-transit')).toContain('unable-to-proceed');
  });

  it('lists the same statuses in the API contract as in the table', () => {
    expect([...contractStatuses]).toEqual([...caseStatuses]);
  });
});

describe('state diagrams in the docs', () => {
  it('docs/CASES.md shows the diagram the table generates (run npm run docs:states if not)', () => {
    expect(updateStateDiagrams({ check: true })).toEqual([]);
  });

  it('labels reserved steps with their workflow and reason-required steps', () => {
    const diagram = mermaidDiagram(stateTables.find((t) => t.name === 'case')!);
    expect(diagram).toContain('reunification_planned --> in_transit: via reunification-start');
    expect(diagram).toContain('located --> declined: reason');
    expect(diagram).toContain('[*] --> located');
    expect(diagram).toContain('transferred --> [*]');
    expect(diagram).toContain('state "in-contact" as in_contact');
  });
});
