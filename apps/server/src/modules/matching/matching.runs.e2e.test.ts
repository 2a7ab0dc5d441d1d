import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDossier, fixtureRequest } from '../../../test/case-fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { defaultJobSettings } from '../../jobs/job-types.ts';
import { systemActor } from '../auth/actor.ts';
import { importFile } from '../transfer/import.service.ts';
import { matchingJobs } from './matching.jobs.ts';
import { matchChangedSince } from './matching.runs.ts';

let t: TestApp;
let family: Client;
let holder: Client;
let reviewer: Client;
let holdingParty: { id: string; code: string };

beforeAll(async () => {
  t = await createTestApp();
  const familyParty = await t.party();
  holdingParty = await t.party('holding-country-authority');
  family = await t.login(['caseworker'], familyParty);
  reviewer = await t.login(['match-reviewer'], familyParty);
  holder = await t.login(['caseworker'], holdingParty);
});
afterAll(() => t.close());

const proposalsOf = (requestId: string) =>
  t.database.db.selectFrom('match_proposal').select(['id', 'right_id', 'status']).where('left_id', '=', requestId).where('kind', '=', 'request-dossier').execute();
const job = (name: string) => matchingJobs.find((j) => j.name === name)!;
const ctx = () => ({ db: t.database.db, clock: t.clock, secret: Buffer.alloc(32, 7), settings: defaultJobSettings });

describe('matching when records arrive', () => {
  it('a dossier created after the request is proposed for it at once, and its duplicate too', async () => {
    const req = (await family.post('/api/v1/requests', fixtureRequest({ names: [{ givenName: 'Тарас', familyName: 'Бондаренко' }], birthDate: '2011-09-14' }))).json().id;
    expect(await proposalsOf(req)).toEqual([]);
    const d1 = await holder.post('/api/v1/dossiers', fixtureDossier({ names: [{ givenName: 'Тарас', familyName: 'Бондаренко' }], birthDate: '2011-09-14' }));
    expect(d1.statusCode).toBe(201);
    const proposed = await proposalsOf(req);
    expect(proposed.map((p) => p.right_id)).toEqual([d1.json().id]);

    // The same child supplied again (Latin record): a dossier↔dossier proposal links the two.
    const d2 = await holder.post('/api/v1/dossiers', fixtureDossier({ names: [{ givenName: 'Taras', familyName: 'BONDARENKO' }], birthDate: '2011-09-14' }));
    const dup = await t.database.db
      .selectFrom('match_proposal')
      .select(['left_id', 'right_id'])
      .where('kind', '=', 'dossier-dossier')
      .where((eb) => eb.or([eb('left_id', '=', d2.json().id), eb('right_id', '=', d2.json().id)]))
      .execute();
    expect(dup.flatMap((p) => [p.left_id, p.right_id])).toContain(d1.json().id);
  });

  it('imported dossiers are matched by the catch-up job; a second run adds nothing', async () => {
    const req = (await family.post('/api/v1/requests', fixtureRequest({ names: [{ givenName: 'Оксана', familyName: 'Лисенко' }], sex: 'female', birthDate: '2013-02-02' }))).json().id;
    const file = join(mkdtempSync(join(tmpdir(), 'hw-match-')), 'import.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({ sourceId: 'IMP-1', ...fixtureDossier({ names: [{ givenName: 'Оксана', familyName: 'Лысенко' }], sex: 'female', birthDate: '2013-02-02' }) }),
        JSON.stringify({ sourceId: 'IMP-2', ...fixtureDossier({ names: [{ givenName: 'Пётр', familyName: 'Иванов' }], birthDate: '2010-01-01' }) }),
      ].join('\n'),
    );
    const summary = await importFile(t.database.db, t.clock, file, { kind: 'dossiers', format: 'jsonl', partyId: holdingParty.id, actor: systemActor(holdingParty.id) });
    expect(summary.created).toBe(2);
    expect(await proposalsOf(req)).toEqual([]);

    await job('matching.catch-up').handler(ctx(), {});
    const after = await proposalsOf(req);
    expect(after).toHaveLength(1);
    const all = await t.database.db.selectFrom('match_proposal').select('id').execute();
    await job('matching.catch-up').handler(ctx(), {});
    expect(await t.database.db.selectFrom('match_proposal').select('id').execute()).toHaveLength(all.length);
  });

  it('a full re-match does not bring back a rejected pair', async () => {
    const req = (await family.post('/api/v1/requests', fixtureRequest({ names: [{ givenName: 'Ганна', familyName: 'Ткач' }], sex: 'female', birthDate: '2012-12-12' }))).json().id;
    const d = (await holder.post('/api/v1/dossiers', fixtureDossier({ names: [{ givenName: 'Анна', familyName: 'Ткач' }], sex: 'female', birthDate: '2012-12-12' }))).json().id;
    const [p] = await proposalsOf(req);
    expect(p!.right_id).toBe(d);
    expect((await reviewer.post(`/api/v1/matches/${p!.id}/reject`, { reason: 'Different parents on the birth record' })).statusCode).toBe(200);
    const before = await t.database.db.selectFrom('match_proposal').select('id').execute();
    const summary = await matchChangedSince(ctx(), null);
    expect(summary.requests).toBeGreaterThanOrEqual(1);
    const open = (await proposalsOf(req)).filter((x) => x.status === 'proposed' && x.right_id === d);
    expect(open).toEqual([]);
    expect(await t.database.db.selectFrom('match_proposal').select('id').execute()).toHaveLength(before.length);
  });
});
