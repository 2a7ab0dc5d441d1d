import type { Role } from '@homeward/contracts';
import { expect } from 'vitest';
import { caseSides, openFixtureCase, type CaseSides } from '../../../test/case-fixtures.ts';
import type { Client, TestApp } from '../../../test/test-app.ts';
import type { CaseStatus } from '../cases/case-states.ts';

/** A plan body with the two sides' caseworkers as supervisors. */
export const planBody = (sides: CaseSides, over: Record<string, unknown> = {}) => ({
  channel: 'video-call',
  intervalDays: 7,
  languages: ['uk', 'ru'],
  interpreterNeeded: true,
  holdingSupervisorId: sides.holder.userId,
  familySupervisorId: sides.family.userId,
  ...over,
});

export interface ContactCase extends CaseSides {
  caseId: string;
  dossierId: string;
  requestId: string;
  /** Someone of the same party as `holder` with other roles. */
  holderAs(roles: Role[]): Promise<Client>;
  familyAs(roles: Role[]): Promise<Client>;
}

/** Two parties, a case between them in the status given, and helpers to add officers to either side. */
export async function contactCase(t: TestApp, opts: { status?: CaseStatus; region?: string } = {}): Promise<ContactCase> {
  const sides = await caseSides(t);
  const opened = await openFixtureCase(t, sides, {
    status: opts.status ?? 'in-contact',
    ...(opts.region ? { dossier: { currentLocation: { region: opts.region, placement: 'foster-family' } } } : {}),
  });
  return {
    ...sides,
    ...opened,
    holderAs: (roles) => t.login(roles, sides.holdingParty),
    familyAs: (roles) => t.login(roles, sides.familyParty),
  };
}

/** Creates a plan through the API and returns it with the case's contacts. */
export async function createPlan(c: ContactCase, over: Record<string, unknown> = {}) {
  const res = await c.holder.post(`/api/v1/cases/${c.caseId}/contact-plan`, planBody(c, over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; status: string };
}

export interface OccurrenceView {
  id: string;
  planId: string;
  dueAt: string;
  status: string;
  overdue: boolean;
  wellbeing?: string | null;
  notes: string | null;
  overdueFlaggedAt: string | null;
}

export async function caseContact(client: Client, caseId: string) {
  const res = await client.get(`/api/v1/cases/${caseId}/contact`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { plan: { id: string; status: string; version: number } | null; occurrences: OccurrenceView[]; regularity: Record<string, unknown>; withheld: string[] };
}

export const DAY = 86_400_000;
