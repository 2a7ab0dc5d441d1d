import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/test-app.ts';
import { attestWithTwo } from '../../../test/two-person.ts';
import { createDossier, createWorld, type World } from '../transparency/transparency-fixtures.ts';

// The two-person rule for verification decisions (issue 13, act `attestation.verify`): a
// verifier's attestation is signed, with their party's key and in their name, only once a second
// verifier of the SAME party approves exactly it; never the same person, never another party.
let w: World;
let holdingAdmin: Client;
beforeAll(async () => {
  w = await createWorld();
  holdingAdmin = await w.t.login(['administrator'], w.parties.holder);
});
afterAll(() => w.t.close());

const db = () => w.t.database.db;
const body = (subjectId: string, claim = 'identity-verified') => ({
  subjectType: 'dossier' as const,
  subjectId,
  claim,
});
const attestationsOf = (subjectId: string) =>
  db()
    .selectFrom('attestation')
    .select(['id', 'signer_user_id'])
    .where('subject_id', '=', subjectId)
    .execute();
const logSize = async () =>
  Number(
    (
      await db()
        .selectFrom('log_entry')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const approvalRow = (id: string) =>
  db().selectFrom('pending_approval').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('attestations under the two-person rule', () => {
  it('the first verifier’s call signs nothing and answers 202 with exactly what would be signed', async () => {
    const d = await createDossier(w);
    const before = await logSize();
    const asked = await w.ua.post('/api/v1/attestations', { ...body(d.id), coveredFields: ['biography'] });
    expect(asked.statusCode, asked.body).toBe(202);
    const approval = asked.json().approval;
    expect(approval).toMatchObject({
      act: 'attestation.verify',
      subjectType: 'dossier',
      subjectId: d.id,
      status: 'pending',
      firstUserId: w.ua.userId,
      secondPartyId: w.parties.ua.id,
      secondPermission: 'attestation.sign',
      payload: {
        subjectType: 'dossier',
        subjectId: d.id,
        claim: 'identity-verified',
        decision: 'verified',
        coveredFields: ['names', 'sex', 'birthDate', 'birthPlace', 'biography'],
        evidence: [],
        keyId: null,
      },
    });
    // The covered content only as a keyed hash: no name, no date of birth in the approval.
    expect(approval.payload.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(approval)).not.toMatch(/Олена|Вигадана|2013-04-17/);
    expect(await attestationsOf(d.id)).toEqual([]);
    expect(await logSize()).toBe(before);

    // Waiting for the second verifier: on their list, not on the first's; the same call again is refused.
    const waiting = (await w.uaSecond.get('/api/v1/approvals')).json().items.map((a: { id: string }) => a.id);
    expect(waiting).toContain(approval.id);
    expect((await w.ua.get('/api/v1/approvals')).json().items.map((a: { id: string }) => a.id)).not.toContain(
      approval.id,
    );
    expect(
      (await w.ua.get('/api/v1/approvals/mine')).json().items.map((a: { id: string }) => a.id),
    ).toContain(approval.id);
    const twice = await w.ua.post('/api/v1/attestations', { ...body(d.id), coveredFields: ['biography'] });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'ALREADY_EXISTS']);
  });

  it('is signed in the first verifier’s name when a second verifier of the same party approves, and verifies', async () => {
    const d = await createDossier(w);
    const { approvalId, attestation } = await attestWithTwo(w.ua, w.uaSecond, body(d.id));
    expect(attestation).toMatchObject({
      partyId: w.parties.ua.id,
      signerUserId: w.ua.userId,
      claim: 'identity-verified',
      check: { status: 'valid' },
    });
    const one = (await w.uaSecond.get(`/api/v1/attestations/${attestation.id}`)).json();
    expect(one.attestation.check.status).toBe('valid');
    expect(one.inclusion).not.toBeNull();
    expect((await attestationsOf(d.id)).length).toBe(1);

    // Both people in the audit: the first asked, the second approved and released the signature.
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'details'])
      .where((eb) => eb.or([eb('record_id', '=', approvalId), eb('record_id', '=', d.id)]))
      .where('action', 'in', ['approval.request', 'approval.approve', 'attestation.create'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.actor_user_id])).toEqual([
      ['approval.request', w.ua.userId],
      ['approval.approve', w.uaSecond.userId],
      ['attestation.create', w.uaSecond.userId],
    ]);
    expect(audit[2]!.details).toMatchObject({
      attestationId: attestation.id,
      approvalId,
      attestedBy: w.ua.userId,
      approvedBy: w.uaSecond.userId,
    });
    expect(await approvalRow(approvalId)).toMatchObject({
      status: 'approved',
      first_user_id: w.ua.userId,
      second_user_id: w.uaSecond.userId,
    });
  });

  it('refuses the same person, a same-party official without attestation.sign, and another party (404)', async () => {
    const d = await createDossier(w);
    const asked = await w.ua.post('/api/v1/attestations', body(d.id));
    const id = asked.json().approval.id as string;
    const self = await w.ua.post(`/api/v1/approvals/${id}/approve`, {});
    expect([self.statusCode, self.json().code]).toEqual([409, 'SAME_PERSON']);
    const reviewer = await w.t.login(['match-reviewer'], w.parties.ua);
    const notVerifier = await reviewer.post(`/api/v1/approvals/${id}/approve`, {});
    expect([notVerifier.statusCode, notVerifier.json().code]).toEqual([403, 'NOT_ELIGIBLE_SECOND']);
    // Another party's verifier (the mediator) and the supplier's administrator cannot even see it.
    expect((await w.mediator.post(`/api/v1/approvals/${id}/approve`, {})).statusCode).toBe(404);
    expect((await w.mediator.get(`/api/v1/approvals/${id}`)).statusCode).toBe(404);
    expect((await holdingAdmin.post(`/api/v1/approvals/${id}/approve`, {})).statusCode).toBe(404);
    expect(
      (await w.mediator.get('/api/v1/approvals')).json().items.map((a: { id: string }) => a.id),
    ).not.toContain(id);
    expect(await attestationsOf(d.id)).toEqual([]);
    expect((await approvalRow(id)).status).toBe('pending');

    // Declined by the second verifier: nothing is signed.
    const declined = await w.uaSecond.post(`/api/v1/approvals/${id}/decline`, {
      reason: 'Not convinced by the documents.',
    });
    expect(declined.json().status).toBe('declined');
    expect(await attestationsOf(d.id)).toEqual([]);
  });

  it('expires with nothing signed when the covered content changed in between, and not for another field', async () => {
    const d = await createDossier(w);
    const asked = await w.ua.post('/api/v1/attestations', body(d.id));
    const id = asked.json().approval.id as string;
    const changed = await w.holder.patch(`/api/v1/dossiers/${d.id}`, {
      version: d.version,
      birthPlace: 'Миколаїв',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const before = await logSize();
    const late = await w.uaSecond.post(`/api/v1/approvals/${id}/approve`, {});
    expect([late.statusCode, late.json().code]).toEqual([409, 'APPROVAL_EXPIRED']);
    expect(late.json().details.reason).toMatch(/record changed since the first verifier read it/);
    expect(await approvalRow(id)).toMatchObject({
      status: 'expired',
      end_reason: expect.stringMatching(/Nothing was signed/),
    });
    expect(await attestationsOf(d.id)).toEqual([]);
    expect(await logSize()).toBe(before);

    // A field the claim does not cover changes: the statement is the same and is signed, over the new version.
    const again = await w.ua.post('/api/v1/attestations', body(d.id));
    await w.holder.patch(`/api/v1/dossiers/${d.id}`, {
      version: changed.json().version,
      biography: 'Grew up by the sea.',
    });
    const ok = await w.uaSecond.post(`/api/v1/approvals/${again.json().approval.id}/approve`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    const [signed] = (await w.ua.get(`/api/v1/attestations?subjectType=dossier&subjectId=${d.id}`)).json()
      .items;
    expect(signed).toMatchObject({ subjectVersion: changed.json().version + 1, check: { status: 'valid' } });
  });

  it('expires with nothing signed when the first verifier may no longer attest (disabled meanwhile)', async () => {
    const d = await createDossier(w);
    const leaving = await w.t.login(['verifier'], w.parties.ua);
    const asked = await leaving.post('/api/v1/attestations', body(d.id));
    expect(asked.statusCode, asked.body).toBe(202);
    const admin = await w.t.login(['administrator'], w.parties.ua);
    expect((await admin.post(`/api/v1/users/${leaving.userId}/disable`, {})).statusCode).toBe(200);
    const late = await w.uaSecond.post(`/api/v1/approvals/${asked.json().approval.id}/approve`, {});
    expect([late.statusCode, late.json().code]).toEqual([409, 'APPROVAL_EXPIRED']);
    expect(late.json().details.reason).toMatch(/may no longer attest/);
    expect(await attestationsOf(d.id)).toEqual([]);
  });

  it('with HOMEWARD_TWO_PERSON=off, one verifier signs at once', async () => {
    const d = await createDossier(w);
    process.env.HOMEWARD_TWO_PERSON = 'off';
    try {
      const res = await w.ua.post('/api/v1/attestations', body(d.id));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ signerUserId: w.ua.userId, check: { status: 'valid' } });
    } finally {
      delete process.env.HOMEWARD_TWO_PERSON;
    }
    expect((await attestationsOf(d.id)).length).toBe(1);
  });
});
