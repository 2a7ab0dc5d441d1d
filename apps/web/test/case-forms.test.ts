import { describe, expect, it } from 'vitest';
import type { ReunificationView } from '../src/api/client.ts';
import {
  checkNewPlan,
  checkPlanChange,
  initialPlanForm,
  parseLanguages,
} from '../src/pages/cases/contact/plan-form.ts';
import { checkRecord, outcomesWhile, type RecordForm } from '../src/pages/cases/contact/record-form.ts';
import {
  checkNewPlan as checkNewReunification,
  checkPlanChange as checkReunificationChange,
  planForm,
} from '../src/pages/cases/reunification/plan-form.ts';

const me = '33333333-3333-4333-8333-333333333333';
const other = '55555555-5555-4555-8555-555555555555';

describe('contact plan form', () => {
  it('fills in the user on their own side and sends a plan the API accepts', () => {
    const form = {
      ...initialPlanForm(null, 'family', me),
      holdingSupervisorId: ` ${other} `,
      languages: 'UK, ru;',
    };
    expect(form.familySupervisorId).toBe(me);
    const checked = checkNewPlan(form);
    expect(checked).toEqual({
      ok: true,
      data: expect.objectContaining({
        holdingSupervisorId: other,
        familySupervisorId: me,
        languages: ['uk', 'ru'],
        preferredWeekday: null,
      }),
    });
  });

  it('names the fields the API would refuse: a supervisor id that is not one, a bad language code', () => {
    const checked = checkNewPlan({
      ...initialPlanForm(null, 'family', me),
      holdingSupervisorId: 'Petrenko',
      languages: 'ukrainian',
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.issues).sort()).toEqual(['holdingSupervisorId', 'languages.0']);
  });

  it('drops a preferred weekday when the interval is not whole weeks, and sends the version on a change', () => {
    const form = {
      ...initialPlanForm(null, 'holding', me),
      familySupervisorId: other,
      intervalDays: 10,
      preferredWeekday: '3',
    };
    const checked = checkPlanChange(form, 4);
    expect(checked.ok && checked.data).toMatchObject({
      version: 4,
      intervalDays: 10,
      preferredWeekday: null,
    });
    expect(parseLanguages(' uk ,, RU ')).toEqual(['uk', 'ru']);
  });
});

describe('recording a contact', () => {
  const base: RecordForm = {
    outcome: 'held',
    heldAt: '2026-06-03T15:20',
    duration: 25,
    reason: '',
    notes: '  ',
    wellbeing: 'Cheerful',
  };

  it('sends a held contact with its time, duration and wellbeing, leaving out empty notes', () => {
    const checked = checkRecord(base);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.data).toMatchObject({ outcome: 'held', durationMinutes: 25, wellbeing: 'Cheerful' });
    // What goes over the wire: no empty notes.
    expect(JSON.parse(JSON.stringify(checked.data))).not.toHaveProperty('notes');
    expect(checked.ok && 'heldAt' in checked.data && checked.data.heldAt).toBe(
      new Date('2026-06-03T15:20').toISOString(),
    );
  });

  it('asks for a reason for a missed contact and a duration for a held one', () => {
    const missed = checkRecord({ ...base, outcome: 'missed', reason: '   ' });
    expect(missed.ok ? null : Object.keys(missed.issues)).toEqual(['reason']);
    const held = checkRecord({ ...base, duration: '' });
    expect(held.ok ? null : Object.keys(held.issues)).toEqual(['durationMinutes']);
  });

  it('says nothing of wellbeing for a cancelled contact, and offers no “held” while contact is suspended', () => {
    const cancelled = checkRecord({ ...base, outcome: 'cancelled', reason: 'Child unwell' });
    expect(cancelled.ok && cancelled.data).toEqual({ outcome: 'cancelled', reason: 'Child unwell' });
    expect(outcomesWhile(true)).toEqual(['missed', 'cancelled']);
    expect(outcomesWhile(false)).toEqual(['held', 'missed', 'cancelled']);
  });
});

type Plan = NonNullable<ReunificationView['plan']>;
const plan: Plan = {
  id: '11111111-1111-4111-8111-111111111111',
  caseId: '22222222-2222-4222-8222-222222222222',
  status: 'draft',
  route: 'Bus to the border crossing',
  escort: 'Social worker',
  handoverPoint: 'Mediator’s office',
  handoverAt: '2026-12-15T09:00:00.000Z',
  receivingAdult: { name: 'Olena Marchenko', relationship: 'mother' },
  documents: [{ item: 'Birth certificate', required: true, done: false }],
  welfareCheckOffsets: [7, 30, 90],
  contentHash: 'a'.repeat(64),
  approvals: { holding: null, family: null },
  withdrawnReason: null,
  startedAt: null,
  completedAt: null,
  version: 3,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
  withheld: [],
};

describe('reunification plan form', () => {
  it('refuses an empty plan field by field before sending', () => {
    const checked = checkNewReunification(planForm(null));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.issues).sort()).toEqual([
      'escort',
      'handoverAt',
      'handoverPoint',
      'receivingAdult.name',
      'route',
    ]);
  });

  it('refuses a welfare-check day given twice', () => {
    const checked = checkNewReunification({ ...planForm(plan), offsets: '7, 7' });
    expect(checked.ok ? null : Object.keys(checked.issues)).toEqual(['welfareCheckOffsets']);
  });

  it('sends only what changed, with the version read, so unchanged fields keep the approvals', () => {
    const checked = checkReunificationChange({ ...planForm(plan), escort: '  Two social workers ' }, plan);
    expect(checked.ok && checked.data).toEqual({ escort: 'Two social workers', version: 3 });
    const untouched = checkReunificationChange(planForm(plan), plan);
    expect(untouched.ok && untouched.data).toEqual({ version: 3 });
  });
});
