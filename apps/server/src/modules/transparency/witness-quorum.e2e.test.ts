import {
  createCosigner,
  encodeVerifierKey,
  generateEd25519KeyPair,
  SIG_TYPE_COSIGNATURE_V1,
  signNote,
  parseNote,
  type NoteSigner,
} from '@homeward/translog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/test-app.ts';
import { attestAs, createDossier, createWorld, type World } from './transparency-fixtures.ts';

// Issue 12: clients trust a checkpoint only with a quorum of fresh witness cosignatures; the
// verification status says "verified, awaiting witnesses" until then; the witness policy is an
// API whose changes are logged; a key used outside its registration in the log is refused.
let w: World;
let admins: Client[];
let cosigners: NoteSigner[];
beforeAll(async () => {
  w = await createWorld(new Date().toISOString());
  const { ua, mediator, icrc } = w.parties;
  admins = await Promise.all([ua, mediator, icrc].map((p) => w.t.login(['administrator'], p)));
  const clock = () => Math.floor(w.t.clock.now().getTime() / 1000);
  cosigners = [];
  for (const [i, p] of [ua, mediator, icrc].entries()) {
    const { privateKey, publicKey } = generateEd25519KeyPair();
    const name = `witness-${i}.quorum.invalid`;
    cosigners.push(createCosigner(name, privateKey, clock));
    const vkey = encodeVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, publicKey);
    expect((await admins[i]!.post(`/api/v1/parties/${p.id}/witness-keys`, { vkey })).statusCode).toBe(201);
  }
});
afterAll(() => w.t.close());

const checkpoint = async () => (await admins[0]!.get('/api/v1/log/checkpoint')).json();
/** The first `n` witnesses cosign the latest checkpoint (consistency is the witness's job, tested elsewhere). */
async function cosign(n: number) {
  const cp = await checkpoint();
  for (let i = 0; i < n; i++) {
    const note = signNote(parseNote(cp.note), [cosigners[i]!]);
    expect((await admins[i]!.post('/api/v1/log/cosignatures', { note })).statusCode).toBe(200);
  }
  return cp.size as number;
}
const put = (c: Client, url: string, body: object) => c.request({ method: 'PUT', url, payload: body });
const status = async (id: string) => (await w.ua.get(`/api/v1/verification/dossiers/${id}`)).json();

describe('witness policy API', () => {
  it('shows the witnesses, quorum and freshness; a change is audited and logged', async () => {
    const before = (await admins[0]!.get('/api/v1/log/witness-policy')).json();
    expect(before).toMatchObject({ quorum: null, effectiveQuorum: 3, maxAgeSeconds: 3600 });
    expect(before.witnesses.map((x: { partyId: string }) => x.partyId).sort()).toEqual(
      [w.parties.ua.id, w.parties.mediator.id, w.parties.icrc.id].sort(),
    );
    const res = await put(admins[1]!, '/api/v1/log/witness-policy', { quorum: 2, maxAgeSeconds: 600 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ quorum: 2, effectiveQuorum: 2, maxAgeSeconds: 600, version: before.version + 1 });
    const { items } = (await admins[0]!.get(`/api/v1/log/entries?from=${res.json().logIndex}`)).json();
    expect(items[0].entry).toMatchObject({
      kind: 'status-transition',
      subjectRef: 'witness-policy',
      from: `v${before.version}`,
      to: `v${before.version + 1}`,
      meta: { quorum: 2, maxAgeSeconds: 600 },
    });
  });

  it('refuses a quorum above the number of registered witnesses, and non-administrators', async () => {
    const res = await put(admins[0]!, '/api/v1/log/witness-policy', { quorum: 4, maxAgeSeconds: 600 });
    expect(res.json().code).toBe('WITNESS_QUORUM_TOO_HIGH');
    expect((await put(w.ua, '/api/v1/log/witness-policy', { quorum: 1, maxAgeSeconds: 600 })).statusCode).toBe(403);
  });
});

describe('quorum and freshness in the verification status', () => {
  it('shows "verified, awaiting witnesses" until a quorum cosigns, then "verified"; stale falls back', async () => {
    const d = await createDossier(w);
    expect((await attestAs(w.ua, d.id)).statusCode).toBe(201);
    expect((await attestAs(w.mediator, d.id)).statusCode).toBe(201);
    let s = await status(d.id);
    const identity = () => s.claims.find((c: { claim: string }) => c.claim === 'identity-verified');
    expect(identity()).toMatchObject({ status: 'verified', witnessed: false, display: 'verified-awaiting-witnesses' });
    expect(s.log.witnessStatus).toBe('quorum-not-met');

    await cosign(1); // one of the two required
    s = await status(d.id);
    expect(identity().display).toBe('verified-awaiting-witnesses');
    expect((await checkpoint()).trusted).toBeNull();

    const size = await cosign(2);
    s = await status(d.id);
    expect(identity()).toMatchObject({ witnessed: true, display: 'verified' });
    expect(identity().attestations.every((a: { witnessed: boolean }) => a.witnessed)).toBe(true);
    expect(s.log.trustedSize).toBe(size);
    const cp = await checkpoint();
    expect(cp.trusted).toMatchObject({ size });
    expect(cp.witness.status).toBe('trusted');

    // A newer attestation is not covered yet; the older trusted checkpoint still is.
    const d2 = await createDossier(w);
    await attestAs(w.ua, d2.id);
    expect((await checkpoint()).trusted.size).toBe(size);
    const s2 = (await w.ua.get(`/api/v1/verification/dossiers/${d2.id}`)).json();
    expect(s2.claims[0].attestations[0]?.witnessed ?? false).toBe(false);

    // Past the freshness window (600 s) nothing is trusted: back to awaiting witnesses.
    w.t.clock.advance(601_000);
    const again = await w.t.login(['verifier'], w.parties.ua);
    const stale = (await again.get(`/api/v1/verification/dossiers/${d.id}`)).json();
    expect(stale.claims.find((c: { claim: string }) => c.claim === 'identity-verified').display).toBe(
      'verified-awaiting-witnesses',
    );
    expect(stale.log.trustedSize).toBeNull();
    const admin = await w.t.login(['administrator'], w.parties.ua);
    const cp2 = (await admin.get('/api/v1/log/checkpoint')).json();
    expect(cp2.trusted).toBeNull();
    expect(['stale', 'quorum-not-met']).toContain(cp2.witness.status);
    admins = [admin, ...(await Promise.all([w.parties.mediator, w.parties.icrc].map((p) => w.t.login(['administrator'], p))))];
  });

  it('re-cosigning an unchanged checkpoint keeps it fresh', async () => {
    await cosign(3);
    const first = (await checkpoint()).trusted;
    w.t.clock.advance(500_000);
    await cosign(3);
    w.t.clock.advance(200_000); // 700 s after the first round, 200 s after the second
    admins = await Promise.all([w.parties.ua, w.parties.mediator, w.parties.icrc].map((p) => w.t.login(['administrator'], p)));
    expect((await checkpoint()).trusted?.size).toBe(first.size);
  });
});

describe('key registry in the log', () => {
  it('refuses an attestation signed with a key after its revocation in the log, whatever the key table says', async () => {
    const d = await createDossier(w);
    const admin = await w.t.login(['administrator'], w.parties.mediator);
    const keys = (await admin.get(`/api/v1/parties/${w.parties.mediator.id}/keys`)).json().items;
    const current = keys.find((k: { revokedAt: string | null }) => !k.revokedAt);
    const rev = await admin.post(`/api/v1/parties/${w.parties.mediator.id}/keys/${current.keyId}/revoke`, {
      reason: 'compromised',
    });
    expect(rev.statusCode).toBe(200);
    // The operator (or an intruder with database access) quietly un-revokes the key in the table.
    await w.t.database.db
      .updateTable('party_key')
      .set({ revoked_at: null, revocation_reason: null })
      .where('key_id', '=', current.keyId)
      .execute();
    const res = await attestAs(w.mediator, d.id);
    expect(res.statusCode).toBe(201);
    expect(res.json().keyId).toBe(current.keyId);
    expect(res.json().check).toMatchObject({ status: 'invalid', code: 'KEY_REVOKED' });
    expect(res.json().check.message).toMatch(/key used outside its registered validity/);
    const s = await status(d.id);
    const a = s.claims.find((c: { claim: string }) => c.claim === 'identity-verified').attestations[0];
    expect(a.status).toBe('invalid');
  });
});
