import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseSides, openFixtureCase, type CaseSides } from '../../../test/case-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import type { AppError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { MatchProposalRow } from '../matching/matching.tables.ts';
import { applyCaseTransition } from './case-transition.ts';
import { findCase, findCaseEvents } from './cases.repository.ts';
import { openCaseInTrx, transitionCase } from './cases.service.ts';

let t: TestApp;
let sides: CaseSides;
let holder: Actor;
const deps = () => ({ db: t.database.db, clock: t.clock, secret: Buffer.alloc(32, 7) });

beforeAll(async () => {
  t = await createTestApp();
  sides = await caseSides(t);
  holder = { kind: 'user', userId: sides.holder.userId, partyId: sides.holdingParty.id, roles: ['caseworker'], requestId: null };
});
afterAll(() => t.close());

const countRows = async (table: 'audit_log' | 'log_entry' | 'tracing_case_event') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('case transitions on the database', () => {
  it('lets the reunification workflow take its reserved steps, and only with its own name', async () => {
    const { caseId } = await openFixtureCase(t, sides, { status: 'reunification-planned' });
    const step = (to: 'in-transit' | 'reunited', via?: 'reunification-start' | 'handover') =>
      t.database.db.transaction().execute(async (trx) => applyCaseTransition(trx, holder, (await findCase(trx, caseId, true))!, to, { now: t.clock.now(), ...(via ? { via } : {}) }));
    await expect(step('in-transit')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(step('in-transit', 'handover')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await step('in-transit', 'reunification-start');
    await step('reunited', 'handover');
    const closed = await transitionCase(deps(), holder, caseId, { to: 'follow-up', version: 3 }).then(() => transitionCase(deps(), holder, caseId, { to: 'closed', version: 4 }));
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toBe(t.clock.now().toISOString());
    expect((await findCaseEvents(t.database.db, caseId)).map((e) => e.to_status)).toEqual(['reunification-planned', 'in-transit', 'reunited', 'follow-up', 'closed']);
  });

  it('lets only one of two simultaneous moves from the same version through', async () => {
    const { caseId } = await openFixtureCase(t, sides, { status: 'located' });
    const results = await Promise.allSettled([
      transitionCase(deps(), holder, caseId, { to: 'verified', version: 1 }),
      transitionCase(deps(), holder, caseId, { to: 'declined', version: 1, reason: 'The young adult declines' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as AppError).code).toBe('VERSION_CONFLICT');
    expect(await findCaseEvents(t.database.db, caseId)).toHaveLength(2);
  });

  it('writes history, audit and log entry with the change or not at all', async () => {
    const { caseId } = await openFixtureCase(t, sides, { status: 'located' });
    const before = await Promise.all([countRows('audit_log'), countRows('log_entry'), countRows('tracing_case_event')]);
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await applyCaseTransition(trx, holder, (await findCase(trx, caseId, true))!, 'verified', { now: t.clock.now() });
        throw new Error('a later step of the same change failed');
      }),
    ).rejects.toThrow('later step');
    expect(await Promise.all([countRows('audit_log'), countRows('log_entry'), countRows('tracing_case_event')])).toEqual(before);
    expect((await findCase(t.database.db, caseId))!.status).toBe('located');
    await expect(sql`update tracing_case_event set reason = 'rewritten'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from tracing_case_event`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });

  it('opens nothing new for a pair that already has a case', async () => {
    const { caseId, dossierId, requestId } = await openFixtureCase(t, sides, { status: 'in-contact' });
    const proposal = { id: '00000000-0000-4000-8000-000000000001', kind: 'request-dossier', left_id: requestId, right_id: dossierId, status: 'confirmed' } as MatchProposalRow;
    const before = await countRows('audit_log');
    const opened = await t.database.db.transaction().execute((trx) => openCaseInTrx(trx, holder, proposal, t.clock.now()));
    expect(opened).toMatchObject({ created: false, row: { id: caseId, status: 'in-contact' } });
    expect(await countRows('audit_log')).toBe(before);
  });
});
