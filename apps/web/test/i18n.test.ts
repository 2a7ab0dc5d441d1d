import { describe, expect, it } from 'vitest';
import {
  ageOutConsentDecisions,
  ageOutConsentRecordedHow,
  ageOutOutcomes,
  ageOutStatuses,
  ageOutWithdrawnReasons,
  contactChannels,
  contactPlanStatuses,
  messageDirections,
  messageStatuses,
  reunificationPlanStatuses,
  reunificationSides,
  welfareOutcomes,
  welfareStatuses,
  casePriorities,
  caseStatuses,
  displacementKinds,
  dossierStatuses,
  nameKinds,
  partyKinds,
  placements,
  relationships,
  requestStatuses,
  roles,
  scripts,
  sexes,
} from '@homeward/contracts';
import { knownErrorCodes } from '../src/api/errors.ts';
import { allLevelKeys } from '../src/pages/matches/waterfall.ts';
import { moveKinds, stepStates } from '../src/pages/cases/case-steps.ts';
import { occurrenceStates } from '../src/pages/cases/contact/contact.ts';
import { notificationKinds, subjectTypes } from '../src/pages/notifications/notification-links.ts';
import { caseTabs } from '../src/route.ts';
import { claimStates, queueReasons } from '../src/pages/verification/verification.ts';
import { tokenStates } from '../src/pages/admin/admin.ts';
import { securityAlertKinds, deliveryStatuses, coverableFields } from '@homeward/contracts';
import { languages, pickLanguage, resources } from '../src/i18n/resources.ts';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const flat = Object.fromEntries(
  languages.map((l) => [l, flatten(resources[l] as unknown as Tree)]),
) as Record<(typeof languages)[number], Map<string, string>>;
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

// Strings that are rightly the same in every language (names, numbers).
const sameEverywhere = new Set(['app.name', 'dashboard.atLeast', 'reports.withheld']);

describe('translations', () => {
  it('has every key in Ukrainian, Russian and English, none empty', () => {
    const keys = [...flat.en.keys()].sort();
    expect(keys.length).toBeGreaterThan(150);
    for (const l of languages) {
      expect([...flat[l].keys()].sort(), l).toEqual(keys);
      for (const [k, v] of flat[l]) expect(v.trim(), `${l}:${k}`).not.toBe('');
    }
  });

  it('keeps the same {{placeholders}} in every language', () => {
    for (const [k, v] of flat.en)
      for (const l of languages) expect(placeholders(flat[l].get(k)!), `${l}:${k}`).toEqual(placeholders(v));
  });

  it('really translates: Ukrainian and Russian differ from English and from each other', () => {
    for (const [k, v] of flat.en) {
      if (sameEverywhere.has(k)) continue;
      expect(flat.uk.get(k), `uk:${k}`).not.toBe(v);
      expect(flat.ru.get(k), `ru:${k}`).not.toBe(v);
    }
    const identical = [...flat.uk]
      .filter(([k, v]) => !sameEverywhere.has(k) && flat.ru.get(k) === v)
      .map(([k]) => k);
    // Some words are spelled the same in both («Назад», «Статус»); more than 2 in 100 would be copying.
    expect(identical.length).toBeLessThan(flat.en.size * 0.02);
  });

  it('has a word for every value the API can send', () => {
    const enums: Record<string, readonly string[]> = {
      sex: sexes,
      dossierStatus: dossierStatuses,
      requestStatus: requestStatuses,
      placement: placements,
      displacementKind: displacementKinds,
      relationship: relationships,
      script: scripts,
      nameKind: nameKinds,
      role: roles,
      partyKind: partyKinds,
      caseStatus: caseStatuses,
      casePriority: casePriorities,
      contactChannel: contactChannels,
      contactPlanStatus: contactPlanStatuses,
      contactState: occurrenceStates,
      weekday: ['1', '2', '3', '4', '5', '6', '7'],
      messageStatus: messageStatuses,
      messageDirection: messageDirections,
      planStatus: reunificationPlanStatuses,
      welfareStatus: welfareStatuses,
      welfareOutcome: welfareOutcomes,
      ageOutStatus: ageOutStatuses,
      consentDecision: ageOutConsentDecisions,
      consentRecordedHow: ageOutConsentRecordedHow,
      consentReplaces: ['guardian', 'young-person'],
      ageOutOutcome: ageOutOutcomes,
      ageOutWithdrawn: ageOutWithdrawnReasons,
      matchStatus: ['proposed', 'awaiting-second', 'confirmed', 'rejected', 'superseded'],
      matchKind: ['request-dossier', 'dossier-dossier'],
      matchDecision: ['match', 'possible'],
      matchField: [
        'prior',
        'given_name',
        'family_name',
        'patronymic',
        'birth_date',
        'sex',
        'place',
        'sibling',
      ],
    };
    for (const l of languages)
      for (const [group, values] of Object.entries(enums))
        for (const v of values) expect(flat[l].get(`enums.${group}.${v}`), `${l}:${group}.${v}`).toBeTruthy();
  });

  it('words every match level, stepper state, case move, section and notification the pages can show', () => {
    const keys = [
      ...allLevelKeys,
      ...stepStates.map((s) => `case.step.${s}`),
      ...moveKinds.map((k) => `case.move.${k}`),
      'case.via.reunification-start',
      'case.via.handover',
      ...caseTabs.map((k) => `case.tab.${k}`),
      ...notificationKinds.map((k) => `notifications.kind.${k}`),
      ...subjectTypes.map((k) => `notifications.subject.${k}`),
      ...reunificationSides.map((k) => `reunification.side.${k}`),
      ...['left', 'today', 'overdue', 'closed'].map((k) => `ageOut.days.${k}`),
      ...['due', 'held', 'heldOnTime', 'missed', 'cancelled', 'overdue'].map((k) => `contact.figure.${k}`),
      ...['upcoming', 'eligible', 'consentRecorded', 'overdue', 'resolved', 'unknownAge'].map(
        (k) => `ageOut.summary.${k}`,
      ),
      ...claimStates.map((k) => `verification.state.${k}`),
      ...queueReasons.map((k) => `verification.reason.${k}`),
      ...['verified', 'rejected', 'needs-info'].map((k) => `verification.decision.${k}`),
      ...['valid', 'stale', 'subject-erased', 'invalid'].map((k) => `verification.check.${k}`),
      ...[...coverableFields.dossier, ...coverableFields.case].map((k) => `verification.field.${k}`),
      ...['dossier', 'case'].map((k) => `verification.subject.${k}`),
      ...tokenStates.map((k) => `admin.tokens.stateName.${k}`),
      ...deliveryStatuses.map((k) => `admin.webhooks.delivery.${k}`),
      ...securityAlertKinds.map((k) => `admin.alerts.kindName.${k}`),
      ...['alerted', 'sessions-ended'].map((k) => `admin.alerts.actionName.${k}`),
      ...['trusted', 'quorum-not-met', 'stale', 'no-witnesses'].map((k) => `log.witness.${k}`),
      ...['trusted', 'quorum-not-met', 'stale', 'no-witnesses'].map((k) => `log.witnessExplain.${k}`),
      ...['family', 'institution', 'authority', 'child', 'other'].map((k) => `photos.supplier.${k}`),
    ];
    for (const l of languages) for (const k of keys) expect(flat[l].get(k), `${l}:${k}`).toBeTruthy();
  });

  it('explains every known API error code', () => {
    for (const l of languages)
      for (const code of [...knownErrorCodes, 'unknown', 'INTERNAL_REF'])
        expect(flat[l].get(`errors.${code}`), `${l}:${code}`).toBeTruthy();
  });
});

describe('pickLanguage', () => {
  it('prefers the stored choice, then the browser, then English', () => {
    expect(pickLanguage('ru', ['uk-UA'])).toBe('ru');
    expect(pickLanguage(null, ['de-DE', 'uk-UA'])).toBe('uk');
    expect(pickLanguage('xx', ['de'])).toBe('en');
  });
});
