import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoJpeg } from '../../../../../packages/media/test/fixtures.ts';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { attestWithTwo } from '../../../test/two-person.ts';
import { systemActor } from '../auth/actor.ts';
import { patchDossier } from '../dossiers/dossiers.service.ts';
import { minimalDossier, minimalRequest, upload, useTemporaryMediaFolder } from '../media/media.test-support.ts';
import { revokePartyKey } from '../transparency/keys.service.ts';

// Two Homeward instances, each with its own database and party, exchanging bundles both ways.
interface Side {
  t: TestApp;
  admin: Client;
  party: { id: string; code: string };
}

const BUNDLE = 'application/vnd.homeward.bundle';
const exportTo = async (from: Side, to: Side, body: Record<string, unknown> = {}) => {
  const res = await from.admin.post('/api/v1/exchange/bundles/export', { to: to.party.code, ...body });
  expect(res.statusCode, res.body).toBe(200);
  return res.rawPayload;
};
const importInto = (side: Side, bytes: Buffer) =>
  side.admin.request({ method: 'POST', url: '/api/v1/exchange/bundles/import', payload: bytes, headers: { 'content-type': BUNDLE } });
const count = async (side: Side, table: 'dossier' | 'tracing_request' | 'exchange_bundle' | 'log_entry' | 'match_proposal' | 'source_record') =>
  Number((await side.t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const partyHere = async (side: Side, code: string) => (await side.t.database.db.selectFrom('party').selectAll().where('code', '=', code).executeTakeFirstOrThrow()).id;
const swapCards = async (a: Side, b: Side) => {
  const card = await a.admin.get('/api/v1/exchange/party-card');
  expect(card.statusCode, card.body).toBe(200);
  return b.admin.post('/api/v1/exchange/partners', card.json());
};

let hold: Side;
let home: Side;
let dossierId: string;

beforeAll(async () => {
  useTemporaryMediaFolder();
  const side = async (kind: string): Promise<Side> => {
    const t = await createTestApp();
    const party = await t.party(kind);
    return { t, party, admin: await t.login(['administrator'], party) };
  };
  hold = await side('holding-country-authority');
  home = await side('home-country-authority');
});
afterAll(async () => {
  await hold?.t.close();
  await home?.t.close();
});

describe('exchange bundles between two instances', () => {
  it('registers each other from signed party cards (trust on first use, then key continuity)', async () => {
    const first = await swapCards(hold, home);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ created: true, party: { code: hold.party.code }, keysAdded: 1 });
    expect((await swapCards(home, hold)).json().created).toBe(true);
    // The same card again changes nothing; a forged card (a signature that does not verify) is refused.
    expect((await swapCards(hold, home)).json()).toMatchObject({ created: false, keysAdded: 0, encryptionKeyChanged: false });
    const card = (await hold.admin.get('/api/v1/exchange/party-card')).json();
    card.party.name = 'Someone else';
    expect((await home.admin.post('/api/v1/exchange/partners', card)).json().code).toBe('PARTY_CARD_INVALID');
  });

  it('sends dossiers, photos and attestations as the recipient may see them; matching runs on arrival', async () => {
    const created = await hold.admin.post('/api/v1/dossiers', minimalDossier({ currentLocation: { region: 'Fictional region', placement: 'foster-family', address: 'Fictional street 1' }, services: { notes: 'fictional note' } }));
    expect(created.statusCode, created.body).toBe(201);
    dossierId = created.json().id;
    expect((await upload(hold.admin, `/api/v1/dossiers/${dossierId}/media?kind=photo`, await photoJpeg(320, 240), 'image/jpeg')).statusCode).toBe(201);
    // Signed once a verifier of the holding party gives the second approval (two-person rule).
    await attestWithTwo(hold.admin, await hold.t.login(['verifier'], hold.party), { subjectType: 'dossier', subjectId: dossierId, claim: 'identity-verified' });
    expect((await home.admin.post('/api/v1/requests', minimalRequest())).statusCode).toBe(201);
    const logBefore = { hold: await count(hold, 'log_entry'), home: await count(home, 'log_entry') };

    const bytes = await exportTo(hold, home);
    const res = await importInto(home, bytes);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      status: 'imported',
      from: hold.party.code,
      to: home.party.code,
      sequence: 1,
      counts: { dossiers: 1, requests: 0, attestations: 1, files: 1 },
      dossiers: { created: 1, updated: 0, conflicts: 0 },
      attestations: { received: 1, invalid: 0 },
      files: { attached: 1, rejected: 0 },
      missedSequences: [],
    });
    expect(report.matching.proposals).toBeGreaterThan(0);

    const holdHere = await partyHere(home, hold.party.code);
    const copy = await home.t.database.db.selectFrom('dossier').selectAll().where('party_id', '=', holdHere).executeTakeFirstOrThrow();
    expect(copy.current_address).toBeNull(); // restricted data stays with its party
    expect(copy.current_region).toBe('Fictional region');
    expect((copy.services as { notes?: string }).notes).toBe('fictional note');
    const source = await home.t.database.db.selectFrom('source_record').selectAll().where('subject_id', '=', copy.id).executeTakeFirstOrThrow();
    expect(source).toMatchObject({ party_id: holdHere, source_id: dossierId });
    const provenance = await home.t.database.db.selectFrom('exchange_record').selectAll().where('subject_id', '=', copy.id).execute();
    expect(provenance).toEqual([expect.objectContaining({ bundle_id: report.bundleId, outcome: 'created' })]);
    const proposals = await home.t.database.db.selectFrom('match_proposal').selectAll().where('right_id', '=', copy.id).execute();
    expect(proposals.length).toBeGreaterThan(0);
    expect(await home.t.database.db.selectFrom('media_file').select('id').where('subject_id', '=', copy.id).execute()).toHaveLength(1);
    // The partner's attestation arrives as that party signed it: importing asks nobody for a second approval.
    expect(await home.t.database.db.selectFrom('pending_approval').select('id').execute()).toEqual([]);

    // Both logs hold the same bundle hash, and no personal data.
    for (const side of [hold, home]) {
      const entries = await side.t.database.db.selectFrom('log_entry').selectAll().where('kind', '=', 'exchange-bundle').execute();
      expect(entries.map((e) => (e.entry as { bundleSha256: string }).bundleSha256)).toEqual([report.sha256]);
      expect(JSON.stringify(entries)).not.toContain('Fictional');
    }
    expect(await count(hold, 'log_entry')).toBeGreaterThan(logBefore.hold);
    expect(await count(home, 'log_entry')).toBeGreaterThan(logBefore.home);

    // The same bundle again: answered as already imported, nothing changes.
    const before = { dossiers: await count(home, 'dossier'), log: await count(home, 'log_entry'), bundles: await count(home, 'exchange_bundle') };
    const again = await importInto(home, bytes);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'already-imported', bundleId: report.bundleId });
    expect({ dossiers: await count(home, 'dossier'), log: await count(home, 'log_entry'), bundles: await count(home, 'exchange_bundle') }).toEqual(before);
  });

  it('sends requests the other way without the requester’s name or contact', async () => {
    const res = await importInto(hold, await exportTo(home, hold));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ from: home.party.code, requests: { created: 1 } });
    const homeHere = await partyHere(hold, home.party.code);
    const request = await hold.t.database.db.selectFrom('tracing_request').selectAll().where('party_id', '=', homeHere).executeTakeFirstOrThrow();
    expect(request.requester).toEqual({ relationship: 'mother', contact: {} });
    expect(JSON.stringify(request)).not.toContain('Fictional Parent');
  });

  it('keeps both versions and records a conflict when a record changed on both sides', async () => {
    const holdHere = await partyHere(home, hold.party.code);
    const copy = await home.t.database.db.selectFrom('dossier').selectAll().where('party_id', '=', holdHere).executeTakeFirstOrThrow();
    const deps = { db: home.t.database.db, clock: home.t.clock };
    await patchDossier(deps, systemActor(), copy.id, { version: copy.version, biography: 'changed here' });
    const mine = (await hold.admin.get(`/api/v1/dossiers/${dossierId}`)).json();
    expect((await hold.admin.patch(`/api/v1/dossiers/${dossierId}`, { version: mine.version, biography: 'changed at the source' })).statusCode).toBe(200);

    const res = await importInto(home, await exportTo(hold, home));
    expect(res.json()).toMatchObject({ sequence: 2, dossiers: { conflicts: 1, created: 0, updated: 0 } });
    const kept = await home.t.database.db.selectFrom('dossier').select('biography').where('id', '=', copy.id).executeTakeFirstOrThrow();
    expect(kept.biography).toBe('changed here');
    const conflicts = (await home.admin.get('/api/v1/exchange/conflicts?status=open')).json().items;
    expect(conflicts).toEqual([expect.objectContaining({ subjectId: copy.id, sourceId: dossierId, from: hold.party.code, status: 'open' })]);
    expect(conflicts[0].incoming.record.biography).toBe('changed at the source');

    const resolved = await home.admin.post(`/api/v1/exchange/conflicts/${conflicts[0].id}/resolve`, { keep: 'incoming' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolution: 'took-incoming' });
    expect((await home.t.database.db.selectFrom('dossier').select('biography').where('id', '=', copy.id).executeTakeFirstOrThrow()).biography).toBe('changed at the source');
  });

  it('refuses truncated, altered, misaddressed, replayed, unknown-key and revoked-key bundles, importing nothing', async () => {
    const older = await exportTo(hold, home);
    const newer = await exportTo(hold, home);
    const snapshot = async () => ({ d: await count(home, 'dossier'), r: await count(home, 'tracing_request'), b: await count(home, 'exchange_bundle'), s: await count(home, 'source_record') });
    const before = await snapshot();
    const refused = async (side: Side, bytes: Buffer, code: string) => {
      const res = await importInto(side, bytes);
      expect(res.json().code, res.body).toBe(code);
      expect(res.json().message).toMatch(/nothing was imported|cut off|not a readable/);
    };

    await refused(home, newer.subarray(0, newer.length - 10), 'BUNDLE_TRUNCATED');
    const altered = Buffer.from(newer);
    altered[altered.length - 30]! ^= 0x40;
    await refused(home, altered, 'BUNDLE_TAMPERED');
    await refused(hold, newer, 'BUNDLE_WRONG_RECIPIENT');
    expect((await importInto(home, newer)).json().sequence).toBe(4);
    await refused(home, older, 'BUNDLE_REPLAYED');
    const after = await snapshot();
    expect(after).toEqual({ ...before, b: before.b + 1 }); // only the one good bundle

    // A rotated key is unknown until the partner's new card (signed with the old key too) arrives.
    const keys = (await hold.admin.post(`/api/v1/parties/${hold.party.id}/keys`, {})).json();
    expect(keys.keyId).toMatch(/^[0-9a-f]{64}$/);
    const signedWithNewKey = await exportTo(hold, home);
    await refused(home, signedWithNewKey, 'BUNDLE_SIGNER_UNKNOWN');
    const update = await swapCards(hold, home);
    expect(update.json()).toMatchObject({ created: false, keysAdded: 1, keysRevoked: 1 });
    expect((await importInto(home, signedWithNewKey)).statusCode).toBe(200);

    // A key the recipient revoked (say, reported compromised) is refused.
    const holdHere = await partyHere(home, hold.party.code);
    await revokePartyKey({ db: home.t.database.db, clock: home.t.clock, secret: Buffer.alloc(32, 7) }, systemActor(), holdHere, keys.keyId, 'compromised');
    await refused(home, await exportTo(hold, home), 'BUNDLE_KEY_REVOKED');
    expect(await snapshot()).toEqual({ ...after, b: after.b + 1 });
  });

  it('lists the bundles each side sent and received', async () => {
    const list = (await hold.admin.get('/api/v1/exchange/bundles')).json().items as Array<{ direction: string }>;
    expect(list.filter((b) => b.direction === 'sent').length).toBeGreaterThanOrEqual(5);
    expect(list.filter((b) => b.direction === 'received')).toHaveLength(1);
  });
});
