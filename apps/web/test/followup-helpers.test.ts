import { describe, expect, it } from 'vitest';
import {
  byDeadline,
  canRecordConsentYet,
  daysUntil,
  deadlineDisplay,
  utcToday,
} from '../src/pages/age-out/age-out.ts';
import {
  occurrenceState,
  percentOf,
  recordable,
  reportCell,
  weekdayAllowed,
} from '../src/pages/cases/contact/contact.ts';
import {
  approvalState,
  isoToLocalInput,
  localInputToIso,
  missingDocuments,
  parseOffsets,
  planActions,
} from '../src/pages/cases/reunification/reunification.ts';
import { bellCount, kindKey, notificationTarget } from '../src/pages/notifications/notification-links.ts';
import { parseRoute, paths } from '../src/route.ts';
import { hasPermission } from '../src/auth/permissions.ts';

const now = new Date('2026-06-10T21:30:00Z');
const caseId = 'fc833e77-937c-43f0-ade3-cbf3eae6242d';
const otherId = '0b8e9f4c-5f0e-4b8a-9d0c-3c6c2f1f7a11';

describe('age-out days and deadlines', () => {
  it('counts whole UTC days, zero on the day, negative after', () => {
    expect(utcToday(now)).toBe('2026-06-10');
    expect(daysUntil('2026-06-10', now)).toBe(0);
    expect(daysUntil('2026-06-13', now)).toBe(3);
    expect(daysUntil('2026-06-09', now)).toBe(-1);
    // Late in the evening in Kyiv it is still the 10th in UTC: the count follows the API's day.
    expect(daysUntil('2026-06-11', new Date('2026-06-10T23:59:59Z'))).toBe(1);
    expect(daysUntil('2027-06-10', now)).toBe(365);
  });

  it('is overdue only from the day after the deadline, and red then', () => {
    expect(deadlineDisplay({ deadlineOn: '2026-06-10', status: 'eligible' }, now)).toEqual({
      days: 0,
      tone: 'today',
      key: 'ageOut.days.today',
    });
    expect(deadlineDisplay({ deadlineOn: '2026-06-08', status: 'overdue' }, now)).toEqual({
      days: 2,
      tone: 'overdue',
      key: 'ageOut.days.overdue',
    });
    expect(deadlineDisplay({ deadlineOn: '2026-06-15', status: 'consent-recorded' }, now).tone).toBe('soon');
    expect(deadlineDisplay({ deadlineOn: '2026-08-15', status: 'upcoming' }, now)).toMatchObject({
      tone: 'later',
      days: 66,
    });
    // A resolved entry has no deadline left to meet, even when the date has passed.
    expect(deadlineDisplay({ deadlineOn: '2026-06-01', status: 'resolved' }, now).tone).toBe('closed');
    expect(deadlineDisplay({ deadlineOn: '2026-06-01', status: 'withdrawn' }, now).tone).toBe('closed');
  });

  it('sorts by deadline, soonest first, stably', () => {
    const items = [
      { id: 'b', deadlineOn: '2026-07-01' },
      { id: 'c', deadlineOn: '2026-06-01' },
      { id: 'a', deadlineOn: '2026-07-01' },
    ];
    expect(byDeadline(items).map((i) => i.id)).toEqual(['c', 'a', 'b']);
  });

  it('allows consent from the day the person is surely 18', () => {
    expect(canRecordConsentYet({ adultFrom: '2026-06-10' }, now)).toBe(true);
    expect(canRecordConsentYet({ adultFrom: '2026-06-11' }, now)).toBe(false);
  });
});

describe('contacts', () => {
  const base = { status: 'scheduled' as const, overdue: false, dueAt: '2026-06-10T12:00:00Z' };
  it('tells recorded, overdue, due and upcoming contacts apart', () => {
    expect(occurrenceState(base, now)).toBe('due');
    expect(occurrenceState({ ...base, dueAt: '2026-06-11T00:00:00Z' }, now)).toBe('upcoming');
    expect(occurrenceState({ ...base, overdue: true }, now)).toBe('overdue');
    expect(occurrenceState({ ...base, status: 'held' }, now)).toBe('held');
    expect(occurrenceState({ ...base, status: 'missed', overdue: true }, now)).toBe('missed');
  });

  it('offers recording only for due or overdue contacts of an active plan', () => {
    expect(recordable('due', true)).toBe(true);
    expect(recordable('overdue', true)).toBe(true);
    expect(recordable('upcoming', true)).toBe(false);
    expect(recordable('held', true)).toBe(false);
    expect(recordable('due', false)).toBe(false);
  });

  it('shows shares as percentages and suppressed report cells as "< 5"', () => {
    expect(percentOf(0.666)).toBe(67);
    expect(percentOf(null)).toBeNull();
    expect(reportCell(12, false, 5)).toBe('12');
    expect(reportCell(null, true, 5)).toBe('< 5');
    expect(reportCell(3, true, 5)).toBe('< 5');
    expect(reportCell(0, false, 5)).toBe('0');
  });

  it('allows a preferred weekday only with whole weeks', () => {
    expect(weekdayAllowed(7)).toBe(true);
    expect(weekdayAllowed(14)).toBe(true);
    expect(weekdayAllowed(10)).toBe(false);
  });
});

describe('reunification', () => {
  const hash = 'a'.repeat(64);
  const plan = {
    status: 'draft' as const,
    contentHash: hash,
    documents: [
      { item: 'Passport', required: true, done: true },
      { item: 'Birth certificate', required: true, done: false },
      { item: 'Photos', required: false, done: false },
    ],
    approvals: {
      holding: { userId: 'u1', at: '2026-06-01T00:00:00Z', contentHash: hash },
      family: null,
    },
  };

  it('lists the required documents not done yet', () => {
    expect(missingDocuments(plan)).toEqual(['Birth certificate']);
  });

  it('reads approvals against the content hash shown', () => {
    expect(approvalState(plan, 'holding')).toBe('approved');
    expect(approvalState(plan, 'family')).toBe('none');
    expect(approvalState({ ...plan, contentHash: 'b'.repeat(64) }, 'holding')).toBe('stale');
  });

  it('offers each side what it can do now', () => {
    type PlanArg = Parameters<typeof planActions>[0]['plan'];
    const asPlan = (x: object) => x as unknown as PlanArg;
    const view = { plan: asPlan(plan), side: 'family' as const, handovers: [] };
    expect(planActions(view)).toMatchObject({ approve: true, start: false, edit: true, handover: false });
    expect(planActions({ ...view, side: 'holding' }).approve).toBe(false);
    const started = asPlan({ ...plan, status: 'started' });
    expect(planActions({ plan: started, side: 'family', handovers: [] })).toMatchObject({
      handover: true,
      edit: false,
      withdraw: true,
    });
    expect(
      planActions({
        plan: started,
        side: 'family',
        handovers: [{ side: 'family' }] as never,
      }).handover,
    ).toBe(false);
    expect(planActions({ plan: null, side: 'family', handovers: [] }).create).toBe(true);
    expect(
      planActions({ plan: asPlan({ ...plan, status: 'withdrawn' }), side: 'family', handovers: [] }),
    ).toMatchObject({
      create: true,
      withdraw: false,
    });
  });

  it('parses welfare-check days and converts local times', () => {
    expect(parseOffsets('7, 30,90 ')).toEqual([7, 30, 90]);
    expect(parseOffsets('')).toEqual([]);
    expect(localInputToIso('')).toBeNull();
    const iso = localInputToIso('2026-06-10T14:30')!;
    expect(isoToLocalInput(iso)).toBe('2026-06-10T14:30');
  });
});

describe('notifications', () => {
  const n = (subjectType: string, subjectId: string | null, kind = 'x.y', details = {}) => ({
    kind,
    subjectType,
    subjectId,
    details,
  });

  it('links each subject to its page', () => {
    expect(notificationTarget(n('case', caseId, 'case.opened'))).toBe(`/cases/${caseId}`);
    expect(notificationTarget(n('case', caseId, 'contact.overdue'))).toBe(`/cases/${caseId}/contact`);
    expect(notificationTarget(n('age-out', otherId, 'age-out.eligible'))).toBe(`/age-out/${otherId}`);
    expect(notificationTarget(n('message', otherId, 'message.delivered', { caseId }))).toBe(
      `/cases/${caseId}/messages`,
    );
    expect(
      notificationTarget(n('reunification-plan', otherId, 'reunification.approval-needed', { caseId })),
    ).toBe(`/cases/${caseId}/reunification`);
    expect(notificationTarget(n('welfare-check', otherId, 'reunification.welfare-urgent', { caseId }))).toBe(
      `/cases/${caseId}/reunification`,
    );
    expect(notificationTarget(n('match', otherId))).toBe(`/matches/${otherId}`);
    expect(notificationTarget(n('dossier', otherId))).toBe(`/dossiers/${otherId}`);
  });

  it('leads nowhere when the case is not known', () => {
    expect(notificationTarget(n('message', otherId, 'message.delivered'))).toBeNull();
    expect(notificationTarget(n('case', null))).toBeNull();
    expect(notificationTarget(n('something-new', otherId))).toBeNull();
    expect(notificationTarget(n('something-new', otherId, 'x.y', { caseId }))).toBe(`/cases/${caseId}`);
  });

  it('every link it makes is a page of the application', () => {
    for (const target of [
      notificationTarget(n('case', caseId, 'contact.overdue')),
      notificationTarget(n('age-out', otherId)),
      notificationTarget(n('message', otherId, 'm', { caseId })),
      notificationTarget(n('reunification-plan', otherId, 'r', { caseId })),
    ])
      expect(parseRoute(target!).name).not.toBe('notFound');
  });

  it('translates known kinds and shows the code of unknown ones', () => {
    expect(kindKey('message.review-needed')).toBe('notifications.kind.message.review-needed');
    expect(kindKey('something.new')).toBeNull();
  });

  it('caps the bell count', () => {
    expect(bellCount(0)).toBeNull();
    expect(bellCount(undefined)).toBeNull();
    expect(bellCount(7)).toBe('7');
    expect(bellCount(150)).toBe('99+');
  });
});

describe('routes and permissions of the new pages', () => {
  it('routes case sections, age-out, notifications and the report', () => {
    expect(parseRoute(paths.case(caseId, 'messages'))).toEqual({ name: 'case', id: caseId, tab: 'messages' });
    expect(parseRoute(`/cases/${caseId}/nonsense`)).toEqual({ name: 'notFound' });
    expect(parseRoute('/age-out')).toEqual({ name: 'ageOut' });
    expect(parseRoute(paths.ageOutEntry(otherId))).toEqual({ name: 'ageOutEntry', id: otherId });
    expect(parseRoute('/notifications')).toEqual({ name: 'notifications' });
    expect(parseRoute('/reports/contact')).toEqual({ name: 'contactReport' });
  });

  it('mirrors the server’s table for contact, review, reports and notifications', () => {
    expect(hasPermission(['caseworker'], 'contact.write')).toBe(true);
    expect(hasPermission(['caseworker'], 'message.review')).toBe(false);
    expect(hasPermission(['communications-officer'], 'message.review')).toBe(true);
    expect(hasPermission(['communications-officer'], 'contact.write')).toBe(true);
    expect(hasPermission(['communications-officer'], 'case.write')).toBe(false);
    expect(hasPermission(['administrator'], 'message.review')).toBe(true);
    expect(hasPermission(['viewer'], 'report.read')).toBe(true);
    expect(hasPermission(['auditor'], 'notification.read')).toBe(true);
    expect(hasPermission(['verifier'], 'contact.write')).toBe(false);
  });
});
