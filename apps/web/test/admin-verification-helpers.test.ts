import { describe, expect, it } from 'vitest';
import type { Media } from '../src/api/client.ts';
import { tokenState } from '../src/pages/admin/admin.ts';
import { auditQuery, detailLines, emptyAuditFilters } from '../src/pages/audit/audit.ts';
import { caseworkCounts, countOf, headlineFigures, monthBars } from '../src/pages/dashboard/dashboard.ts';
import { moveInOrder, photosInOrder } from '../src/pages/media/media.ts';
import {
  caseStatement,
  claimState,
  coveredFields,
  describeValue,
  dossierStatement,
  groupQueue,
  optionalFields,
} from '../src/pages/verification/verification.ts';
import { isTypingTarget, moveSelection, shortcutOf } from '../src/components/shortcuts.ts';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

describe('verification helpers', () => {
  const att = (status: 'valid' | 'stale', coversPolicy = true) => ({
    id: id(1),
    partyId: id(2),
    decision: 'verified',
    status,
    coversPolicy,
  });

  it('says verified, stale or awaiting for a claim', () => {
    expect(claimState({ status: 'verified', attestations: [att('valid')] })).toBe('verified');
    expect(claimState({ status: 'unverified', attestations: [att('stale')] })).toBe('stale');
    expect(claimState({ status: 'unverified', attestations: [att('valid', false)] })).toBe('stale');
    expect(claimState({ status: 'unverified', attestations: [att('valid')] })).toBe('awaiting');
    expect(claimState({ status: 'unverified', attestations: [] })).toBe('awaiting');
  });

  it('groups the queue by record, keeping the server’s order and each claim once', () => {
    const groups = groupQueue([
      { subjectType: 'dossier', subjectId: id(1), claim: 'a', reason: 'not-attested', requirement: 'x' },
      { subjectType: 'case', subjectId: id(2), claim: 'b', reason: 'stale', requirement: 'y' },
      { subjectType: 'dossier', subjectId: id(1), claim: 'c', reason: 'policy-changed', requirement: 'x' },
      { subjectType: 'dossier', subjectId: id(1), claim: 'a', reason: 'not-attested', requirement: 'z' },
    ]);
    expect(groups.map((g) => [g.subjectType, g.claims.map((c) => c.claim)])).toEqual([
      ['dossier', ['a', 'c']],
      ['case', ['b']],
    ]);
  });

  it('covers the policy fields plus the extras, in the API’s order, never fewer', () => {
    expect(coveredFields('dossier', ['names', 'birthDate'], ['photos', 'names'])).toEqual([
      'names',
      'birthDate',
      'photos',
    ]);
    expect(coveredFields('dossier', ['custom'], [])).toEqual(['custom']);
    expect(optionalFields('case', ['handover'])).toEqual([
      'dossierId',
      'requestId',
      'relationship',
      'sought',
    ]);
  });

  it('describes values in plain text', () => {
    expect(describeValue(null)).toBeNull();
    expect(describeValue([])).toBeNull();
    expect(describeValue('Мариуполь')).toBe('Мариуполь');
    expect(
      describeValue([
        { givenName: 'Олена', familyName: 'Марченко', patronymic: 'Сергіївна', script: 'uk-Cyrl' },
      ]),
    ).toBe('Марченко Олена Сергіївна');
    expect(describeValue({ date: '2022-03', place: 'Маріуполь', kind: null })).toBe(
      'date: 2022-03 · place: Маріуполь',
    );
    expect(describeValue(['uk', 'ru'])).toBe('uk, ru');
    expect(describeValue({ social: { receiving: true } })).toBe('social.receiving: true');
  });

  it('states a dossier’s fields as the reader has them, withheld ones as withheld', () => {
    const s = dossierStatement(
      {
        names: [{ givenName: 'Ivan', familyName: 'Petrenko' }],
        sex: 'male',
        birthDate: '2012-04-17',
        birthPlace: null,
        biography: 'x',
        withheld: ['biography'],
      },
      ['a'.repeat(64)],
    );
    expect(s.names).toEqual({ value: 'Petrenko Ivan' });
    expect(s.birthPlace).toEqual({ value: null });
    expect(s.biography).toEqual({ value: null, withheld: true });
    expect(s.photos!.value).toBe(`${'a'.repeat(16)}…`);
  });

  it('states a case’s fields from the case and its request', () => {
    const s = caseStatement(
      { dossierId: id(1), requestId: id(2) },
      { sought: { sex: 'female' }, requester: { relationship: 'mother' } },
      (r) => `[${r}]`,
      null,
    );
    expect(s).toEqual({
      dossierId: { value: id(1) },
      requestId: { value: id(2) },
      relationship: { value: '[mother]' },
      sought: { value: 'sex: female' },
      handover: { value: null },
    });
    expect(
      caseStatement(
        { dossierId: id(1), requestId: id(2) },
        { sought: {}, withheld: ['sought'] },
        String,
        null,
      ).sought,
    ).toEqual({ value: null, withheld: true });
  });
});

describe('audit helpers', () => {
  it('builds the query: trimmed, empty filters left out, days as UTC instants, the last day included', () => {
    expect(auditQuery(emptyAuditFilters, null)).toEqual({ limit: 50 });
    expect(
      auditQuery(
        {
          ...emptyAuditFilters,
          action: ' attestation.create ',
          recordId: id(3),
          from: '2026-02-28',
          to: '2026-02-28',
        },
        512,
        20,
      ),
    ).toEqual({
      limit: 20,
      action: 'attestation.create',
      recordId: id(3),
      from: '2026-02-28T00:00:00.000Z',
      to: '2026-03-01T00:00:00.000Z',
      before: 512,
    });
    expect(auditQuery({ ...emptyAuditFilters, from: '28.02.2026' }, null).from).toBeUndefined();
  });

  it('shows details as key: value lines', () => {
    expect(detailLines({ claim: 'identity-verified', logIndex: 1, ids: ['a'] })).toEqual([
      'claim: identity-verified',
      'logIndex: 1',
      'ids: ["a"]',
    ]);
  });
});

describe('administration helpers', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('names a token’s state: revoked wins, then expired', () => {
    expect(tokenState({ revokedAt: null, expiresAt: '2026-07-01T00:00:00Z' }, now)).toBe('active');
    expect(tokenState({ revokedAt: null, expiresAt: '2026-05-01T00:00:00Z' }, now)).toBe('expired');
    expect(tokenState({ revokedAt: '2026-04-01T00:00:00Z', expiresAt: '2026-05-01T00:00:00Z' }, now)).toBe(
      'revoked',
    );
  });
});

describe('photo helpers', () => {
  const m = (n: number, position: number | null, kind: 'photo' | 'document' = 'photo') =>
    ({ id: id(n), kind, position, createdAt: `2026-01-0${n}T00:00:00Z` }) as Media;
  it('orders photos by position, unordered ones last by date, documents left out', () => {
    expect(
      photosInOrder([m(1, null), m(2, 1), m(3, 0), m(4, null, 'document'), m(5, null)]).map((p) => p.id),
    ).toEqual([id(3), id(2), id(1), id(5)]);
  });
  it('moves one photo a place, leaving the ends alone', () => {
    expect(moveInOrder(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveInOrder(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(moveInOrder(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveInOrder(['a', 'b', 'c'], 'x', 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('keyboard shortcuts', () => {
  const el = (tagName: string, extra: Record<string, unknown> = {}) =>
    ({ tagName, getAttribute: () => null, closest: () => null, ...extra }) as unknown as EventTarget;
  const key = (
    k: string,
    target: EventTarget,
    mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
  ) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    defaultPrevented: false,
    target,
    ...mods,
  });

  it('never fires while typing, inside a dialog, or with a modifier', () => {
    expect(isTypingTarget(el('INPUT'))).toBe(true);
    expect(isTypingTarget(el('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(el('DIV', { isContentEditable: true }))).toBe(true);
    expect(isTypingTarget(el('DIV', { getAttribute: () => 'combobox' }))).toBe(true);
    expect(isTypingTarget(el('BODY'))).toBe(false);
    expect(shortcutOf(key('j', el('INPUT')), ['j'])).toBeNull();
    expect(shortcutOf(key('c', el('BUTTON', { closest: () => ({}) })), ['c'])).toBeNull();
    expect(shortcutOf(key('r', el('BODY'), { ctrlKey: true }), ['r'])).toBeNull();
    expect(shortcutOf(key('J', el('BODY')), ['j'])).toBe('j');
    expect(shortcutOf(key('Enter', el('BODY')), ['Enter'])).toBe('Enter');
    expect(shortcutOf(key('x', el('BODY')), ['j'])).toBeNull();
  });

  it('moves the selection within the list', () => {
    expect(moveSelection(-1, 3, 'j')).toBe(0);
    expect(moveSelection(-1, 3, 'k')).toBe(2);
    expect(moveSelection(2, 3, 'j')).toBe(2);
    expect(moveSelection(0, 3, 'k')).toBe(0);
    expect(moveSelection(1, 3, 'j')).toBe(2);
    expect(moveSelection(0, 0, 'j')).toBe(-1);
  });
});

describe('overview helpers', () => {
  it('counts messages the reader may review and overdue contacts, case by case', () => {
    const me = id(9);
    expect(
      caseworkCounts(
        [
          {
            caseId: id(1),
            overdueContacts: 2,
            messages: [
              { status: 'pending-review', submittedBy: id(5) },
              { status: 'pending-review', submittedBy: me },
              { status: 'approved', submittedBy: id(5) },
            ],
          },
          { caseId: id(2), overdueContacts: 0, messages: [{ status: 'pending-review', submittedBy: null }] },
        ],
        me,
      ),
    ).toEqual({
      messagesToReview: 2,
      messageCases: [id(1), id(2)],
      overdueContacts: 2,
      overdueCases: [id(1)],
    });
  });

  it('reads headline figures and monthly bars from the summary, withheld counts as null', () => {
    const list = (labels: string[], counts: Array<number | null>, total: number | null) => ({
      labels,
      counts,
      total,
    });
    const byStatus = list(['open', 'closed'], [300, null], 300);
    expect(countOf(byStatus, 'open')).toBe(300);
    expect(countOf(byStatus, 'closed')).toBeNull();
    expect(countOf(byStatus, 'none')).toBeNull();
    const summary = {
      children: { byStatus },
      requests: { filed: list([], [], 12), matched: list([], [], null) },
      casesByStatus: list([], [], 3),
      reunifications: list([], [], 0),
    } as unknown as Parameters<typeof headlineFigures>[0];
    expect(headlineFigures(summary)).toEqual({
      children: 300,
      childrenOpen: 300,
      requestsFiled: 12,
      requestsMatched: null,
      cases: 3,
      reunifications: 0,
    });
    expect(monthBars(list(['2026-01', '2026-02', '2026-03'], [5, null, 10], 15))).toEqual([
      { label: '2026-01', count: 5, height: 50 },
      { label: '2026-02', count: null, height: 0 },
      { label: '2026-03', count: 10, height: 100 },
    ]);
  });
});
