import type { SharingPolicyDocument } from '@homeward/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { collectContent } from '../exchange/bundle-content.ts';
import { activatePolicy, ensureKey, fullDossier, fullRequest, threeParties, type Member } from './sharing-fixtures.ts';

// Agreement on a new policy version, reporter-chosen disclosure, and bundles filtered by both.

let t: TestApp;
let home: Member;
let holder: Member;
let mediator: Member;

const doc = (version: string, parties: string[]): SharingPolicyDocument => ({
  format: 'homeward-sharing-policy',
  version,
  parties,
  rules: [
    { from: '*', to: '*', purposes: ['tracing', 'case-work'], legalBasis: 'public-task', dataPoints: ['dossier.names', 'dossier.sex', 'dossier.birth'] },
    { from: 'home-country-authority', to: 'holding-country-authority', purposes: ['case-work', 'tracing'], legalBasis: 'best-interests-of-the-child', dataPoints: ['request.*'] },
  ],
  requestDefaults: [],
});

beforeAll(async () => {
  t = await createTestApp();
  [home, holder, mediator] = (await threeParties(t)) as [Member, Member, Member];
});
afterAll(() => t.close());

describe('sharing policy agreement', () => {
  it('is proposed by an administrator, agreed by each party with its key, then in force and logged', async () => {
    const v = doc('agree-1', [home.party.code, holder.party.code]);
    expect((await home.worker.post('/api/v1/sharing-policies', v)).statusCode).toBe(403);
    const proposed = await home.admin.post('/api/v1/sharing-policies', v);
    expect(proposed.statusCode, proposed.body).toBe(201);
    const { sha256 } = proposed.json();
    expect(proposed.json()).toMatchObject({ status: 'proposed', waitingFor: [home.party.code, holder.party.code] });
    expect((await home.admin.post('/api/v1/sharing-policies', v)).json().code).toBe('ALREADY_EXISTS');

    expect((await holder.admin.post('/api/v1/sharing-policies/agree-1/agree', { sha256 })).json().code).toBe('SHARING_PARTY_KEY_MISSING');
    expect((await mediator.admin.post('/api/v1/sharing-policies/agree-1/agree', { sha256 })).json().code).toBe('SHARING_POLICY_NOT_A_PARTY');
    await ensureKey(home);
    await ensureKey(holder);
    expect((await home.admin.post('/api/v1/sharing-policies/agree-1/agree', { sha256: 'f'.repeat(64) })).json().code).toBe('SHARING_POLICY_HASH_MISMATCH');
    const first = await home.admin.post('/api/v1/sharing-policies/agree-1/agree', { sha256 });
    expect(first.json()).toMatchObject({ status: 'proposed', waitingFor: [holder.party.code] });
    expect((await home.admin.post('/api/v1/sharing-policies/agree-1/agree', { sha256 })).json().code).toBe('SHARING_POLICY_ALREADY_AGREED');
    const second = await holder.admin.post('/api/v1/sharing-policies/agree-1/agree', { sha256 });
    expect(second.json()).toMatchObject({ status: 'active', waitingFor: [] });
    expect(second.json().agreements.map((a: { partyCode: string }) => a.partyCode)).toEqual([home.party.code, holder.party.code]);

    const list = (await mediator.worker.get('/api/v1/sharing-policies')).json();
    expect(list.active.version).toBe('agree-1');
    expect(list.builtIn.version).toBe('homeward-default-1');
    const entries = await t.database.db.selectFrom('log_entry').select('entry').orderBy('idx').execute();
    const policyEntries = entries.map((e) => e.entry as { subjectRef?: string; to?: string; meta?: { policySha256?: string } }).filter((e) => e.subjectRef?.startsWith('sharing-policy/'));
    expect(policyEntries.map((e) => e.to)).toEqual(['proposed', 'agreed', 'agreed', 'active']);
    expect(policyEntries.every((e) => e.meta?.policySha256 === sha256)).toBe(true);
    expect(JSON.stringify(policyEntries)).not.toContain('request.');
    // Any party's reader finds the version's own entries, with their indexes.
    const log = await mediator.worker.get('/api/v1/sharing-policies/agree-1/log');
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json().items.map((i: { entry: { to: string } }) => i.entry.to)).toEqual(['proposed', 'agreed', 'agreed', 'active']);
    expect((await mediator.worker.get('/api/v1/sharing-policies/no-such-version/log')).json().code).toBe('SHARING_POLICY_NOT_FOUND');
    const parties = (await mediator.worker.get('/api/v1/sharing/parties')).json().items as Array<{ code: string }>;
    expect(parties.map((p) => p.code)).toEqual(expect.arrayContaining([home.party.code, holder.party.code, mediator.party.code]));
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('record_type', '=', 'sharing_policy').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['sharing-policy.activate', 'sharing-policy.agree', 'sharing-policy.agree', 'sharing-policy.propose']);
  });
});

describe('reporter-chosen disclosure', () => {
  beforeAll(async () => {
    const active = (await home.worker.get('/api/v1/sharing-policies')).json().active;
    if (active?.version !== 'agree-1') await activatePolicy([home, holder], doc('agree-1', [home.party.code, holder.party.code]));
  });

  it('hides the requester from the holding party when the family narrows it, and the preview shows exactly that', async () => {
    const wide = (await home.worker.post('/api/v1/requests', fullRequest)).json();
    const seenWide = (await holder.worker.get(`/api/v1/requests/${wide.id}`)).json();
    expect(seenWide.requester.relationship).toBe('mother');
    expect(seenWide.requester.name).toBeUndefined();

    const filed = await home.worker.post('/api/v1/requests', { ...fullRequest, disclosure: { 'holding-country-authority': ['sought.names', 'sought.birth'] } });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json().disclosure).toEqual({ 'holding-country-authority': ['sought.names', 'sought.birth'] });
    const seen = await holder.worker.get(`/api/v1/requests/${filed.json().id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().requester).toEqual({ contact: {} });
    expect(seen.json().sought.lastKnownPlace).toBeNull();
    expect(seen.json().withheld).toEqual(expect.arrayContaining(['requester.name', 'requester.contact', 'requester.relationship', 'sought.lastKnownPlace', 'sought.sex']));
    expect(seen.json().disclosure).toBeUndefined();
    const preview = await home.worker.get(`/api/v1/requests/${filed.json().id}/disclosure-preview?party=${holder.party.code}`);
    expect(preview.json()).toEqual({ party: holder.party.code, visible: true, request: seen.json() });
    // The mediator's row gives no request data: not visible, and 404 for its users.
    const none = (await home.worker.get(`/api/v1/requests/${filed.json().id}/disclosure-preview?party=${mediator.party.code}`)).json();
    expect(none).toEqual({ party: mediator.party.code, visible: false, request: null });
    expect((await mediator.worker.get(`/api/v1/requests/${filed.json().id}`)).statusCode).toBe(404);
    // Another party cannot preview.
    expect((await holder.worker.get(`/api/v1/requests/${filed.json().id}/disclosure-preview?party=${holder.party.code}`)).statusCode).toBe(404);

    // Narrowed to nothing later: the holding party no longer sees the request at all.
    const patched = await home.worker.patch(`/api/v1/requests/${filed.json().id}`, { version: filed.json().version, disclosure: { [holder.party.code]: [] } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await holder.worker.get(`/api/v1/requests/${filed.json().id}`)).statusCode).toBe(404);
  });

  it('refuses a choice wider than the policy, or naming an unknown party, with clear codes', async () => {
    const over = await home.worker.post('/api/v1/requests', { ...fullRequest, disclosure: { mediator: ['request.sought.names'] } });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'DISCLOSURE_EXCEEDS_POLICY', details: { excess: [{ recipient: 'mediator', dataPoints: ['request.sought.names'] }] } });
    const restricted = await home.worker.post('/api/v1/requests', { ...fullRequest, disclosure: { [holder.party.code]: ['request.requester.contact'] } });
    expect(restricted.json().code).toBe('DISCLOSURE_EXCEEDS_POLICY');
    const unknown = await home.worker.post('/api/v1/requests', { ...fullRequest, disclosure: { 'NO-SUCH-PARTY': ['request.sought.names'] } });
    expect(unknown.json().code).toBe('DISCLOSURE_PARTY_UNKNOWN');
    const bad = await home.worker.post('/api/v1/requests', { ...fullRequest, disclosure: { mediator: ['dossier.nonsense'] } });
    expect(bad.statusCode).toBe(400);
  });

  it('builds a bundle with exactly the allowed fields, leaving out a record whose sharing consent is refused', async () => {
    const kept = (await home.worker.post('/api/v1/dossiers', fullDossier)).json();
    const refused = (await home.worker.post('/api/v1/dossiers', fullDossier)).json();
    const c = await home.worker.post('/api/v1/consents', {
      subjectType: 'dossier', subjectId: refused.id, purpose: `sharing:${holder.party.code}`, decision: 'refused', givenBy: 'guardian', how: 'written', givenOn: '2026-05-01',
    });
    expect(c.statusCode, c.body).toBe(201);
    const content = await collectContent({ db: t.database.db, clock: t.clock, media: () => { throw new Error('no photos here'); } }, home.party, holder.party, null);
    const ids = content.dossiers.map((d) => d.id);
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(refused.id);
    const d = content.dossiers.find((x) => x.id === kept.id)!;
    expect(Object.keys(d.record).sort()).toEqual(['birthDate', 'birthPlace', 'currentLocation', 'names', 'services', 'sex']);
    expect([d.record.currentLocation, d.record.services]).toEqual([{}, {}]);
    expect(d.withheld).toEqual(expect.arrayContaining(['biography', 'services.medical', 'currentLocation.address', 'displacement', 'languages']));
    expect(JSON.stringify(content)).not.toContain(fullDossier.currentLocation.address);
    expect(JSON.stringify(content)).not.toContain(fullRequest.requester.name);
    // The mediator's bundle carries the same dossier fields and none of the home party's requests.
    const toMediator = await collectContent({ db: t.database.db, clock: t.clock, media: () => { throw new Error('no photos here'); } }, home.party, mediator.party, null);
    expect(toMediator.requests).toEqual([]);
    expect(toMediator.dossiers.map((x) => x.id)).toContain(refused.id);
  });
});
