import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/test-app.ts';
import { attestWithTwo } from '../../../test/two-person.ts';
import { createDossier, createWorld, type World } from '../transparency/transparency-fixtures.ts';

let w: World;
let admin: Client;
beforeAll(async () => {
  w = await createWorld();
  admin = await w.t.login(['administrator'], w.parties.ua);
});
afterAll(() => w.t.close());

const put = (c: Client, claim: string, body: unknown) =>
  c.request({ method: 'PUT', url: `/api/v1/verification-policies/${claim}`, payload: body as object });
const identityPolicy = {
  subjectType: 'dossier',
  coveredFields: ['names', 'sex', 'birthDate', 'birthPlace'],
  requirements: [
    { label: 'a party other than the supplier', notSupplier: true, notKinds: ['mediator'] },
    { label: 'the mediator', kinds: ['mediator'] },
  ],
};
const about = (subjectId: string, claim = 'identity-verified') => ({ subjectType: 'dossier' as const, subjectId, claim });
/** Attested by ua's verifiers, then the mediator's: each statement approved by a second verifier of its party. */
async function attestBoth(subjectId: string) {
  await attestWithTwo(w.ua, w.uaSecond, about(subjectId));
  await attestWithTwo(w.mediator, w.mediatorSecond, about(subjectId));
}
const claimOf = async (id: string, claim: string) =>
  (await w.ua.get(`/api/v1/verification/dossiers/${id}`)).json().claims.find((c: { claim: string }) => c.claim === claim);

describe('verification policies', () => {
  it('lists every claim’s policy with its version and hash', async () => {
    const items = (await w.viewer.get('/api/v1/verification-policies')).json().items;
    expect(items).toBeUndefined(); // a viewer may not read attestations or policies
    const list = (await w.ua.get('/api/v1/verification-policies')).json().items as Array<Record<string, unknown>>;
    expect(list.map((p) => p.claim)).toEqual([
      'circumstances-verified',
      'family-link-verified',
      'handover-completed',
      'identity-verified',
      'services-overview-verified',
    ]);
    expect(list.find((p) => p.claim === 'handover-completed')).toMatchObject({ subjectType: 'case', coveredFields: ['handover'], version: 1, logIndex: null });
    expect(list[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets only administrators define a claim, which can then be attested, and logs the change', async () => {
    const body = { subjectType: 'dossier', coveredFields: ['photos', 'names'], requirements: [{ label: 'a party other than the supplier', notSupplier: true }] };
    expect((await put(w.holder, 'photo-verified', body)).statusCode).toBe(403);
    expect((await put(w.ua, 'photo-verified', body)).statusCode).toBe(403);
    const d = await createDossier(w);
    expect((await w.ua.post('/api/v1/attestations', about(d.id, 'photo-verified'))).json().code).toBe('CLAIM_UNKNOWN');

    const res = await put(admin, 'photo-verified', body);
    expect(res.statusCode, res.body).toBe(201);
    const policy = res.json();
    expect(policy).toMatchObject({ claim: 'photo-verified', version: 1, coveredFields: ['photos', 'names'] });
    const entry = (await w.viewer.get(`/api/v1/log/entries?from=${policy.logIndex}&to=${policy.logIndex + 1}`)).json().items[0].entry;
    expect(entry).toMatchObject({
      kind: 'status-transition',
      party: w.parties.ua.id,
      subjectRef: 'verification-policy/photo-verified',
      from: 'none',
      to: 'v1',
      meta: { policySha256: policy.sha256, previousSha256: null },
    });
    const audit = await w.t.database.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('record_type', '=', 'verification_policy').where('record_id', '=', 'photo-verified').execute();
    expect(audit).toEqual([{ action: 'verification-policy.define', actor_user_id: admin.userId }]);
    // Putting the same policy again changes nothing.
    expect((await put(admin, 'photo-verified', body)).json()).toMatchObject({ version: 1, logIndex: policy.logIndex });

    const { attestation } = await attestWithTwo(w.ua, w.uaSecond, about(d.id, 'photo-verified'));
    expect(attestation.coveredFields).toEqual(['photos', 'names']);
    expect((await claimOf(d.id, 'photo-verified')).status).toBe('verified');
  });

  it('refuses policies naming fields the subject cannot have, bad claim names and a change of subject type', async () => {
    const req = [{ label: 'x', notSupplier: true }];
    const bad = await put(admin, 'odd-claim', { subjectType: 'dossier', coveredFields: ['handover'], requirements: req });
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    const side = await put(admin, 'odd-claim', { subjectType: 'dossier', coveredFields: ['names'], requirements: [{ label: 'x', side: 'holding' }] });
    expect(side.statusCode).toBe(400);
    expect((await put(admin, 'X', { subjectType: 'dossier', coveredFields: ['names'], requirements: req })).statusCode).toBe(400);
    const moved = await put(admin, 'identity-verified', { ...identityPolicy, subjectType: 'case', coveredFields: ['sought'] });
    expect([moved.statusCode, moved.json().code]).toEqual([409, 'CLAIM_SUBJECT_TYPE_FIXED']);
  });

  it('applies a changed policy at once: attestations that no longer cover it stop counting until attested again', async () => {
    const d = await createDossier(w);
    await attestBoth(d.id);
    expect((await claimOf(d.id, 'identity-verified')).status).toBe('verified');

    const changed = await put(admin, 'identity-verified', { ...identityPolicy, coveredFields: [...identityPolicy.coveredFields, 'photos'] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2 });
    const after = await claimOf(d.id, 'identity-verified');
    expect(after.status).toBe('unverified');
    expect(after.attestations.map((a: { status: string; coversPolicy: boolean }) => [a.status, a.coversPolicy])).toEqual([
      ['valid', false],
      ['valid', false],
    ]);
    const queue = (await w.mediator.get('/api/v1/verification/queue?limit=100')).json().items;
    expect(queue).toContainEqual(expect.objectContaining({ subjectId: d.id, claim: 'identity-verified', reason: 'policy-changed' }));
    const entry = (await w.viewer.get(`/api/v1/log/entries?from=${changed.json().logIndex}&to=${changed.json().logIndex + 1}`)).json().items[0].entry;
    expect(entry).toMatchObject({ from: 'v1', to: 'v2', meta: { policySha256: changed.json().sha256 } });

    await attestBoth(d.id);
    expect((await claimOf(d.id, 'identity-verified')).status).toBe('verified');
    // Back to the original rules: the earlier attestations count again.
    expect((await put(admin, 'identity-verified', identityPolicy)).json()).toMatchObject({ version: 3 });
    const back = await claimOf(d.id, 'identity-verified');
    expect(back.attestations.every((a: { coversPolicy: boolean }) => a.coversPolicy)).toBe(true);
  });

  it('lets an approval waiting for a second verifier expire, with nothing signed, when the claim’s policy changed meanwhile', async () => {
    const v1 = { subjectType: 'dossier', coveredFields: ['languages'], requirements: [{ label: 'a party other than the supplier', notSupplier: true }] };
    expect((await put(admin, 'languages-verified', v1)).statusCode).toBe(201);
    const d = await createDossier(w);
    const asked = await w.ua.post('/api/v1/attestations', about(d.id, 'languages-verified'));
    expect(asked.statusCode, asked.body).toBe(202);
    expect((await put(admin, 'languages-verified', { ...v1, coveredFields: ['languages', 'names'] })).statusCode).toBe(200);
    const late = await w.uaSecond.post(`/api/v1/approvals/${asked.json().approval.id}/approve`, {});
    expect([late.statusCode, late.json().code]).toEqual([409, 'APPROVAL_EXPIRED']);
    expect(late.json().details.reason).toMatch(/policy changed/);
    expect((await claimOf(d.id, 'languages-verified')).attestations).toEqual([]);
  });
});
