import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { confirmMatch } from '../../../test/two-person.ts';
import { systemActor } from '../auth/actor.ts';
import { proposeForDossier } from '../matching/matching.service.ts';

// Each test uses its own child (given name and birth date), so proposals of other tests stay apart.
const child = (given: string, birthDate: string, over: Record<string, unknown> = {}) => ({
  names: [{ givenName: given, familyName: 'Ткаченко', patronymic: 'Сергеевич' }],
  sex: 'male',
  birthDate,
  birthPlace: 'Мариуполь',
  displacement: { place: 'Мариуполь', kind: 'evacuated-from-front-line' },
  currentLocation: { region: 'Ростовская область', placement: 'foster-family' },
  ...over,
});

/** The same child as recorded a second time: without patronymic, and with a former surname. */
const duplicate = (given: string, birthDate: string, over: Record<string, unknown> = {}) =>
  child(given, birthDate, {
    names: [
      { givenName: given, familyName: 'Ткаченко' },
      { givenName: given, familyName: 'Савченко', kind: 'former' },
    ],
    ...over,
  });

let t: TestApp;
let holdParty: { id: string; code: string };
let holder: Client;
let reviewer: Client;
let otherHolder: Client;
let otherReviewer: Client;
/** The second reviewer of the holding party: a merge needs two (two-person rule). */
let reviewer2: Client;

beforeAll(async () => {
  t = await createTestApp();
  holdParty = await t.party('holding-country-authority');
  holder = await t.login(['caseworker'], holdParty);
  reviewer = await t.login(['match-reviewer'], holdParty);
  reviewer2 = await t.login(['match-reviewer'], holdParty);
  const other = await t.party('holding-country-authority');
  otherHolder = await t.login(['caseworker'], other);
  otherReviewer = await t.login(['match-reviewer'], other);
});
afterAll(() => t.close());

async function supply(by: Client, body: unknown): Promise<string> {
  const res = await by.post('/api/v1/dossiers', body);
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

/** The open duplicate proposal of two dossiers (created when the second one arrived). */
async function proposalOf(by: Client, a: string, b: string): Promise<string> {
  const items = (await by.get('/api/v1/matches?kind=dossier-dossier&limit=200')).json().items as Array<{
    id: string;
    leftId: string;
    rightId: string;
  }>;
  const found = items.find((p) => [p.leftId, p.rightId].sort().join() === [a, b].sort().join());
  expect(found, 'duplicate proposal').toBeDefined();
  return found!.id;
}

const read = async (by: Client, id: string) => (await by.get(`/api/v1/dossiers/${id}`)).json();

async function mergesOf(by: Client, id: string) {
  const res = await by.get(`/api/v1/dossiers/${id}/merges`);
  expect(res.statusCode).toBe(200);
  return res.json().items as Array<{
    id: string;
    survivorId: string;
    absorbedId: string;
    status: string;
    namesAdded: number;
    undoReason: string | null;
  }>;
}

/** Supplies a child twice, confirms the duplicate proposal, and returns the ids. */
async function merged(given: string, birthDate: string) {
  const older = await supply(holder, child(given, birthDate));
  const newer = await supply(holder, duplicate(given, birthDate));
  const proposal = await proposalOf(reviewer, older, newer);
  const before = { older: await read(holder, older), newer: await read(holder, newer) };
  await confirmMatch(reviewer, reviewer2, proposal, { reason: 'Same birth certificate' });
  const [merge] = await mergesOf(holder, older);
  return { older, newer, proposal, before, mergeId: merge!.id };
}

const logEntriesOf = async (dossierId: string) =>
  (await t.database.db.selectFrom('log_entry').select('entry').orderBy('idx').execute())
    .map((r) => r.entry as { subjectRef?: string; from?: string; to?: string })
    .filter((e) => e.subjectRef === `dossier/${dossierId}`)
    .map((e) => `${e.from}->${e.to}`);

describe('merging two dossiers of one party', () => {
  it('folds the newer dossier into the older one when their duplicate proposal is confirmed', async () => {
    const older = await supply(holder, child('Дмитрий', '2011-11-11', { sourceId: 'MERGE-OLD-1' }));
    const newer = await supply(holder, duplicate('Дмитрий', '2011-11-11', { sourceId: 'MERGE-NEW-1' }));
    const proposal = await proposalOf(reviewer, older, newer);
    const first = await reviewer.post(`/api/v1/matches/${proposal}/confirm`, {});
    expect(first.json().status).toBe('awaiting-second');
    // Nothing is merged until a second reviewer of the party confirms too.
    expect((await read(holder, newer)).status).toBe('open');
    expect((await reviewer.post(`/api/v1/matches/${proposal}/confirm`, {})).json().code).toBe('SAME_PERSON');
    expect((await otherReviewer.post(`/api/v1/matches/${proposal}/confirm`, {})).statusCode).toBe(404);
    const confirmed = await reviewer2.post(`/api/v1/matches/${proposal}/confirm`, {});
    expect(confirmed.json().status).toBe('confirmed');

    const survivor = await read(holder, older);
    expect(survivor.status).toBe('open');
    expect(survivor.version).toBe(2);
    // The name without patronymic is one the survivor already has; the former surname is new.
    expect(survivor.names.map((n: { familyName: string; kind: string }) => [n.familyName, n.kind])).toEqual([
      ['Ткаченко', 'primary'],
      ['Савченко', 'former'],
    ]);
    expect(survivor.sources.map((s: { sourceId: string }) => s.sourceId)).toEqual([
      'MERGE-OLD-1',
      'MERGE-NEW-1',
    ]);
    expect(survivor.mergedInto).toBeNull();

    const absorbed = await read(holder, newer);
    expect(absorbed).toMatchObject({ status: 'merged', mergedInto: older, version: 2 });
    expect(absorbed.sources.map((s: { sourceId: string }) => s.sourceId)).toEqual(['MERGE-NEW-1']);

    const [merge] = await mergesOf(holder, newer);
    expect(merge).toMatchObject({ survivorId: older, absorbedId: newer, status: 'active', namesAdded: 1 });
    expect((await mergesOf(holder, older)).map((m) => m.id)).toEqual([merge!.id]);
    expect(JSON.stringify(await mergesOf(holder, older))).not.toMatch(/Ткаченко|Савченко|Дмитрий/);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'record_id', 'details'])
      .where('record_id', 'in', [merge!.id, older, newer])
      .execute();
    expect(audit.find((a) => a.action === 'dossier.merge')?.details).toMatchObject({
      survivorId: older,
      absorbedId: newer,
      proposalId: proposal,
      namesAdded: 1,
    });
    expect(JSON.stringify(audit)).not.toMatch(/Ткаченко|Савченко|Дмитрий/);
    expect(await logEntriesOf(newer)).toEqual(['open->merged']);

    // The merged dossier is taken out of the duplicate search and cannot be reopened by an edit.
    const reopen = await holder.patch(`/api/v1/dossiers/${newer}`, { version: 2, status: 'open' });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().code).toBe('INVALID_TRANSITION');
    const merging = await holder.patch(`/api/v1/dossiers/${older}`, { version: 2, status: 'merged' });
    expect(merging.json().code).toBe('INVALID_TRANSITION');
    expect(await proposeForDossier({ db: t.database.db, clock: t.clock }, newer, systemActor())).toEqual([]);
  });

  it('refuses to merge a dossier closed since the proposal, leaving the proposal open', async () => {
    const older = await supply(holder, child('Игорь', '2010-01-15'));
    const newer = await supply(holder, duplicate('Игорь', '2010-01-15'));
    const proposal = await proposalOf(reviewer, older, newer);
    expect(
      (await holder.patch(`/api/v1/dossiers/${newer}`, { version: 1, status: 'closed' })).statusCode,
    ).toBe(200);
    const res = await reviewer.post(`/api/v1/matches/${proposal}/confirm`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('MERGE_DOSSIER_NOT_OPEN');
    expect((await reviewer.get(`/api/v1/matches/${proposal}`)).json().status).toBe('proposed');
    expect((await read(holder, older)).version).toBe(1);
  });
});

describe('dossiers of two parties', () => {
  it('are linked, not merged: each keeps its record and lists the other as the same child', async () => {
    const mine = await supply(holder, child('Олег', '2013-05-06'));
    const theirs = await supply(otherHolder, duplicate('Олег', '2013-05-06'));
    const proposal = await proposalOf(reviewer, mine, theirs);
    expect((await otherReviewer.post(`/api/v1/matches/${proposal}/confirm`, {})).json().status).toBe(
      'confirmed',
    );

    const a = await read(holder, mine);
    const b = await read(otherHolder, theirs);
    expect(a).toMatchObject({ status: 'open', version: 1, sameChildAs: [theirs], mergedInto: null });
    expect(a.names).toHaveLength(1);
    expect(b).toMatchObject({ status: 'open', version: 1, sameChildAs: [mine] });
    // A third party sees both dossiers but not the two parties' decision.
    const stranger = await t.login(['caseworker'], await t.party());
    expect((await read(stranger, mine)).sameChildAs).toEqual([]);
    expect(await mergesOf(holder, mine)).toEqual([]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'dossier.merge')
      .where('details', '@>', JSON.stringify({ proposalId: proposal }))
      .execute();
    expect(audit).toEqual([]);
  });
});

describe('undoing a merge', () => {
  it('restores both dossiers exactly, rejects the proposal with the reason, and refuses a second undo', async () => {
    const { older, newer, proposal, before, mergeId } = await merged('Максим', '2012-07-08');
    const res = await holder.post(`/api/v1/dossier-merges/${mergeId}/undo`, {
      reason: 'Different mothers on the birth certificates',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: mergeId,
      status: 'undone',
      namesRemoved: 1,
      namesAlreadyGone: 0,
      namesKept: 0,
      undoneBy: holder.userId,
    });

    const survivor = await read(holder, older);
    const absorbed = await read(holder, newer);
    expect(survivor.names).toEqual(before.older.names);
    expect(survivor.version).toBe(before.older.version + 2);
    expect(absorbed).toMatchObject({
      status: 'open',
      mergedInto: null,
      names: before.newer.names,
      version: before.newer.version + 2,
    });

    const decided = (await reviewer.get(`/api/v1/matches/${proposal}`)).json();
    expect(decided).toMatchObject({
      status: 'rejected',
      reason: 'Different mothers on the birth certificates',
    });
    expect(decided.history.map((h: { status: string }) => h.status)).toEqual([
      'proposed',
      'awaiting-second',
      'confirmed',
      'rejected',
    ]);
    expect((await mergesOf(holder, newer))[0]).toMatchObject({
      status: 'undone',
      undoReason: 'Different mothers on the birth certificates',
    });
    expect((await mergesOf(otherHolder, newer))[0]!.undoReason).toBeNull();

    const again = await holder.post(`/api/v1/dossier-merges/${mergeId}/undo`, { reason: 'again' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('MERGE_ALREADY_UNDONE');

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'reason', 'details'])
      .where('record_id', '=', mergeId)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['dossier.merge', 'dossier.unmerge']);
    expect(JSON.stringify(audit)).not.toMatch(/Ткаченко|Савченко|Максим/);
    expect(await logEntriesOf(newer)).toEqual(['open->merged', 'merged->open']);

    // The pair is not proposed again while neither side changes.
    const found = await proposeForDossier({ db: t.database.db, clock: t.clock }, older, systemActor());
    expect(found.filter((p) => [p.leftId, p.rightId].includes(newer))).toEqual([]);
  });

  it('after an edit to the survivor, removes only the added names still there and says so', async () => {
    const { older, mergeId } = await merged('Артём', '2014-02-03');
    const survivor = await read(holder, older);
    // Someone spells the former surname differently and adds a nickname.
    const edited = [
      survivor.names[0],
      { givenName: 'Артём', familyName: 'Савчэнко', kind: 'former' },
      { givenName: 'Тёма', kind: 'nickname' },
    ];
    expect(
      (await holder.patch(`/api/v1/dossiers/${older}`, { version: survivor.version, names: edited }))
        .statusCode,
    ).toBe(200);

    const res = await holder.post(`/api/v1/dossier-merges/${mergeId}/undo`, { reason: 'Not the same child' });
    expect(res.json()).toMatchObject({ namesRemoved: 0, namesAlreadyGone: 1 });
    const after = await read(holder, older);
    expect(
      after.names.map((n: { givenName: string; familyName?: string }) =>
        `${n.givenName} ${n.familyName ?? ''}`.trim(),
      ),
    ).toEqual(['Артём Ткаченко', 'Артём Савчэнко', 'Тёма']);
    expect(after.version).toBe(survivor.version + 2);
  });

  it('is refused to a viewer (403), to another party (404) and without a reason (400)', async () => {
    const { mergeId, newer } = await merged('Назар', '2015-09-10');
    const viewer = await t.login(['viewer'], holdParty);
    expect((await viewer.post(`/api/v1/dossier-merges/${mergeId}/undo`, { reason: 'x' })).statusCode).toBe(
      403,
    );
    expect((await reviewer.post(`/api/v1/dossier-merges/${mergeId}/undo`, { reason: 'x' })).statusCode).toBe(
      403,
    );
    expect((await viewer.get(`/api/v1/dossiers/${newer}/merges`)).statusCode).toBe(200);
    const foreign = await otherHolder.post(`/api/v1/dossier-merges/${mergeId}/undo`, { reason: 'x' });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOT_FOUND');
    expect(
      (await holder.post('/api/v1/dossier-merges/00000000-0000-4000-8000-000000000000/undo', { reason: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await holder.post(`/api/v1/dossier-merges/${mergeId}/undo`, {})).statusCode).toBe(400);
    expect(
      (await holder.get('/api/v1/dossiers/00000000-0000-4000-8000-000000000000/merges')).statusCode,
    ).toBe(404);
    expect((await read(holder, newer)).status).toBe('merged');
  });

  it('undoes chained merges last-in first-out; the final survivor lists every source record', async () => {
    const first = await supply(holder, child('Богдан', '2016-04-04', { sourceId: 'CHAIN-1' }));
    const second = await supply(holder, child('Богдан', '2016-04-04', { sourceId: 'CHAIN-2' }));
    const third = await supply(holder, duplicate('Богдан', '2016-04-04', { sourceId: 'CHAIN-3' }));
    const secondThird = await proposalOf(reviewer, second, third);
    const firstSecond = await proposalOf(reviewer, first, second);
    await confirmMatch(reviewer, reviewer2, secondThird);
    await confirmMatch(reviewer, reviewer2, firstSecond);
    const top = await read(holder, first);
    expect(top.sources.map((s: { sourceId: string }) => s.sourceId)).toEqual([
      'CHAIN-1',
      'CHAIN-2',
      'CHAIN-3',
    ]);
    expect(top.names.map((n: { familyName: string }) => n.familyName)).toEqual(['Ткаченко', 'Савченко']);

    const [inner] = await mergesOf(holder, third);
    const [outer] = (await mergesOf(holder, first)).filter((m) => m.absorbedId === second);
    const early = await holder.post(`/api/v1/dossier-merges/${inner!.id}/undo`, { reason: 'x' });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('MERGE_SURVIVOR_MERGED');
    expect(
      (await holder.post(`/api/v1/dossier-merges/${outer!.id}/undo`, { reason: 'x' })).json().namesRemoved,
    ).toBe(1);
    expect(
      (await holder.post(`/api/v1/dossier-merges/${inner!.id}/undo`, { reason: 'x' })).json().namesRemoved,
    ).toBe(1);
    for (const id of [first, second, third]) expect((await read(holder, id)).status).toBe('open');
    expect((await read(holder, first)).names).toHaveLength(1);
    expect((await read(holder, second)).names).toHaveLength(1);
  });
});

describe('matching around a merge', () => {
  it('proposes the survivor for a request that matched only the absorbed dossier, and the absorbed one again after an undo', async () => {
    const home = await t.party();
    const family = await t.login(['caseworker'], home);
    const familyReviewer = await t.login(['match-reviewer'], home);
    // The family knows the child under the former surname only, and not the birth date.
    const filed = await family.post('/api/v1/requests', {
      sought: { names: [{ givenName: 'Ярослав', familyName: 'Савченко' }], sex: 'male' },
      requester: { name: 'Ірина Савченко', relationship: 'mother', contact: { phone: '+380 50 000 0000' } },
    });
    expect(filed.statusCode).toBe(201);
    const match = async () => {
      const res = await familyReviewer.post(`/api/v1/requests/${filed.json().id}/match`);
      expect(res.statusCode).toBe(200);
      return (res.json().items as Array<{ rightId: string; status: string }>).map((p) => p.rightId);
    };
    const older = await supply(holder, child('Ярослав', '2013-03-03'));
    const newer = await supply(holder, duplicate('Ярослав', '2013-03-03'));
    const before = await match();
    expect(before).toContain(newer);
    expect(before).not.toContain(older);

    const proposal = await proposalOf(reviewer, older, newer);
    await confirmMatch(reviewer, reviewer2, proposal);
    const after = await match();
    expect(after).toContain(older);
    expect(after).not.toContain(newer);

    const [merge] = await mergesOf(holder, older);
    expect(
      (await holder.post(`/api/v1/dossier-merges/${merge!.id}/undo`, { reason: 'Not the same child' }))
        .statusCode,
    ).toBe(200);
    expect(await match()).toContain(newer);
  });
});
