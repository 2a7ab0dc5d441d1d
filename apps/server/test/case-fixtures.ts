import { expect } from 'vitest';
import { insertCase } from '../src/modules/cases/cases.repository.ts';
import type { CaseStatus } from '../src/modules/cases/case-states.ts';
import type { Client, TestApp } from './test-app.ts';

export interface CaseSides {
  holdingParty: { id: string; code: string };
  familyParty: { id: string; code: string };
  /** Caseworker of the party holding the child's dossier. */
  holder: Client;
  /** Caseworker of the party that filed the family's request. */
  family: Client;
}

/** Two parties with a caseworker each: the usual cast of a case. */
export async function caseSides(t: TestApp): Promise<CaseSides> {
  const holdingParty = await t.party('holding-country-authority');
  const familyParty = await t.party('home-country-authority');
  return { holdingParty, familyParty, holder: await t.login(['caseworker'], holdingParty), family: await t.login(['caseworker'], familyParty) };
}

export const fixtureDossier = (over: Record<string, unknown> = {}) => ({
  names: [{ givenName: 'Александр', familyName: 'Коваленко', patronymic: 'Сергеевич' }],
  sex: 'male',
  birthDate: '2012-03-05',
  birthPlace: 'Мариуполь',
  displacement: { place: 'Мариуполь', kind: 'evacuated-from-front-line', date: '2022-04-10' },
  currentLocation: { region: 'Ростовская область', placement: 'foster-family' },
  ...over,
});

export const fixtureRequest = (over: Record<string, unknown> = {}) => ({
  sought: {
    names: [{ givenName: 'Олександр', familyName: 'Коваленко', patronymic: 'Сергійович' }],
    sex: 'male',
    birthDate: '2012-03-05',
    birthPlace: 'Маріуполь',
    ...over,
  },
  requester: { name: 'Ірина Коваленко', relationship: 'mother', contact: { phone: '+380 50 000 0000' } },
});

/**
 * A case between the two sides, inserted directly in the status given (the cases module's own
 * tests open cases through the API). The dossier and request are created through the API.
 */
export async function openFixtureCase(
  t: TestApp,
  sides: CaseSides,
  opts: { status?: CaseStatus; dossier?: Record<string, unknown>; request?: Record<string, unknown> } = {},
): Promise<{ caseId: string; dossierId: string; requestId: string }> {
  const d = await sides.holder.post('/api/v1/dossiers', fixtureDossier(opts.dossier));
  expect(d.statusCode, d.body).toBe(201);
  const r = await sides.family.post('/api/v1/requests', fixtureRequest(opts.request));
  expect(r.statusCode, r.body).toBe(201);
  const now = t.clock.now();
  const row = await insertCase(t.database.db, {
    dossier_id: d.json().id,
    request_id: r.json().id,
    match_proposal_id: null,
    holding_party_id: sides.holdingParty.id,
    family_party_id: sides.familyParty.id,
    status: opts.status ?? 'in-contact',
    status_reason: null,
    opened_by: null,
    opened_at: now,
    updated_at: now,
    closed_at: null,
  });
  return { caseId: row.id, dossierId: d.json().id, requestId: r.json().id };
}
