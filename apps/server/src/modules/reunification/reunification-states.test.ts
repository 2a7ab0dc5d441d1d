import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editablePlanStatuses, findPlanTransition, planStateDiagram, planStatuses, planTransitions } from './reunification-states.ts';
import { addDays, handoverRecordHash, missingDocuments, overdueBefore, planContentHash, planContentOf, welfareSchedule } from './reunification-content.ts';

const row = {
  case_id: '6f1c2b1e-0000-4000-8000-000000000001',
  route: 'Border crossing A, then train to Kyiv',
  escort: 'Two social workers of the holding authority',
  handover_point: 'Reception centre, platform 2',
  handover_at: new Date('2026-07-01T09:00:00Z'),
  receiving_adult: { name: 'Ірина Коваленко', relationship: 'mother' },
  documents: [
    { item: 'Birth certificate', required: true, done: false },
    { item: 'Travel permit', required: true, done: true },
    { item: 'School report', required: false, done: false },
  ],
  welfare_offsets: [7, 30, 90],
};
const salt = new Uint8Array(32).fill(1);

describe('plan state table', () => {
  it('moves only by its triggers: approval, a change of content, start, handover, withdrawal', () => {
    expect(findPlanTransition('draft', 'both-approved')?.to).toBe('approved');
    expect(findPlanTransition('approved', 'content-changed')?.to).toBe('draft');
    expect(findPlanTransition('approved', 'start')?.to).toBe('started');
    expect(findPlanTransition('started', 'handover-completed')?.to).toBe('completed');
    expect(findPlanTransition('draft', 'start')).toBeUndefined();
    expect(findPlanTransition('draft', 'handover-completed')).toBeUndefined();
    expect(findPlanTransition('approved', 'handover-completed')).toBeUndefined();
    expect(findPlanTransition('started', 'content-changed')).toBeUndefined();
  });

  it('lets every unfinished plan be withdrawn, with a reason, and nothing leave completed or withdrawn', () => {
    for (const s of ['draft', 'approved', 'started'] as const) expect(findPlanTransition(s, 'withdraw')).toEqual({ to: 'withdrawn', on: 'withdraw', needsReason: true });
    expect(planTransitions.completed).toEqual([]);
    expect(planTransitions.withdrawn).toEqual([]);
    expect(editablePlanStatuses).toEqual(['draft', 'approved']);
  });

  it('names only known statuses and draws every transition in the diagram', () => {
    const diagram = planStateDiagram();
    for (const from of planStatuses) {
      for (const t of planTransitions[from]) {
        expect(planStatuses).toContain(t.to);
        expect(diagram).toContain(`${from} --> ${t.to}: ${t.on}`);
      }
    }
  });

  it('is drawn in docs/REUNIFICATION.md as it is in the code', () => {
    const doc = readFileSync(new URL('../../../../../docs/REUNIFICATION.md', import.meta.url), 'utf8');
    expect(doc).toContain('```mermaid\n' + planStateDiagram() + '\n```');
  });
});

describe('plan content hash', () => {
  const hash = (over: Partial<typeof row> = {}) => planContentHash(salt, planContentOf({ ...row, ...over }));

  it('is a stable 64-digit hex digest, independent of key order', () => {
    expect(hash()).toMatch(/^[0-9a-f]{64}$/);
    expect(hash()).toBe(hash({ receiving_adult: { relationship: 'mother', name: 'Ірина Коваленко' } }));
  });

  it('changes with any part of the plan an approver agreed to', () => {
    const base = hash();
    expect(hash({ route: row.route + ' ' })).not.toBe(base);
    expect(hash({ escort: 'One social worker' })).not.toBe(base);
    expect(hash({ handover_point: 'Elsewhere' })).not.toBe(base);
    expect(hash({ handover_at: new Date('2026-07-01T09:00:01Z') })).not.toBe(base);
    expect(hash({ receiving_adult: { name: 'Ірина Коваленко', relationship: 'grandparent' } })).not.toBe(base);
    expect(hash({ documents: [...row.documents, { item: 'Medical record', required: true, done: false }] })).not.toBe(base);
    expect(hash({ documents: row.documents.map((d, i) => (i === 2 ? { ...d, required: true } : d)) })).not.toBe(base);
    expect(hash({ welfare_offsets: [7, 30] })).not.toBe(base);
  });

  it('does not change when documents are ticked done: that is progress, not a new plan', () => {
    expect(hash({ documents: row.documents.map((d) => ({ ...d, done: true })) })).toBe(hash());
  });

  it('depends on the salt, so the logged hash cannot confirm a guessed plan', () => {
    expect(planContentHash(new Uint8Array(32).fill(2), planContentOf(row))).not.toBe(hash());
  });

  it('hashes a handover record over the plan hash, the side and what was recorded', () => {
    const rec = { planId: 'p', planContentHash: hash(), side: 'holding' as const, handedOverAt: '2026-07-01T09:30:00.000Z', notes: null, childWellbeing: 'calm' };
    expect(handoverRecordHash(salt, rec)).not.toBe(handoverRecordHash(salt, { ...rec, side: 'family' }));
    expect(handoverRecordHash(salt, rec)).not.toBe(handoverRecordHash(salt, { ...rec, childWellbeing: 'tired' }));
  });
});

describe('documents and welfare dates', () => {
  it('lists the indexes of required documents not done', () => {
    expect(missingDocuments(row.documents)).toEqual([0]);
    expect(missingDocuments([])).toEqual([]);
  });

  it('schedules checks the given days after the handover, across month and year ends', () => {
    expect(welfareSchedule('2026-12-20', [90, 7, 30])).toEqual([
      { offsetDays: 7, dueOn: '2026-12-27' },
      { offsetDays: 30, dueOn: '2027-01-19' },
      { offsetDays: 90, dueOn: '2027-03-20' },
    ]);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('counts a check overdue only after three days of grace', () => {
    // Due on the 8th: on the 11th still in grace (due_on < 8th is false), on the 12th overdue.
    expect('2026-06-08' < overdueBefore('2026-06-11')).toBe(false);
    expect('2026-06-08' < overdueBefore('2026-06-12')).toBe(true);
  });
});
