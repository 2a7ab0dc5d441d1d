import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { deliverNotifications } from './delivery.service.ts';
import { notify } from './notify.ts';
import { jobContext, startReceiver } from './notifications.test-support.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';

let t: TestApp;
let party: { id: string; code: string };
let admin: Client;
let caseworker: Client;
let otherAdmin: Client;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  t = await createTestApp();
  party = await t.party();
  admin = await t.login(['administrator'], party);
  caseworker = await t.login(['caseworker'], party);
  otherAdmin = await t.login(['administrator']);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});

const create = (c: Client, body: Record<string, unknown>) => c.post('/api/v1/webhooks', body);

describe('webhook subscriptions', () => {
  it('are for administrators only', async () => {
    expect((await caseworker.get('/api/v1/webhooks')).statusCode).toBe(403);
    const refused = await create(caseworker, { url: 'https://hooks.example.org/x' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN');
  });

  it('show the signing secret once, on creation, and never again', async () => {
    const res = await create(admin, { url: 'https://hooks.example.org/homeward', kinds: ['contact.overdue'] });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ url: 'https://hooks.example.org/homeward', kinds: ['contact.overdue'], active: true, version: 1, createdBy: admin.userId });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const list = await admin.get('/api/v1/webhooks');
    expect(list.body).not.toContain(created.secret);
    expect(list.json().items.find((w: { id: string }) => w.id === created.id)).not.toHaveProperty('secret');
    const stored = await t.database.db.selectFrom('webhook_subscription').select('secret_sealed').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.secret_sealed).not.toContain(created.secret.slice(6));

    const rotated = await admin.post(`/api/v1/webhooks/${created.id}/rotate-secret`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(created.secret);
    expect(rotated.json().secretRotatedAt).toBe(t.clock.now().toISOString());
    expect((await admin.get('/api/v1/webhooks')).body).not.toContain(rotated.json().secret);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'details']).where('record_id', '=', created.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['webhook.create', 'webhook.rotate-secret']);
    expect(JSON.stringify(audit)).not.toContain('whsec_');
  });

  it('refuse URLs that are not https (except to localhost) or carry credentials', async () => {
    for (const url of ['http://hooks.example.org/x', 'ftp://hooks.example.org/x', 'https://user:pw@hooks.example.org/x', 'not a url']) {
      const res = await create(admin, { url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().issues[0].path).toBe('url');
    }
    expect((await create(admin, { url: 'https://x.example.org/', kinds: ['Not A Kind'] })).statusCode).toBe(400);
    expect((await create(admin, { url: 'http://localhost:9/x' })).statusCode).toBe(201);
  });

  it("are the party's own: another party's look missing", async () => {
    const { id } = (await create(admin, { url: 'https://hooks.example.org/own' })).json();
    expect((await otherAdmin.get('/api/v1/webhooks')).json().items).toEqual([]);
    const missing = (await otherAdmin.request({ method: 'DELETE', url: '/api/v1/webhooks/00000000-0000-4000-8000-000000000000' })).json();
    for (const res of [
      await otherAdmin.patch(`/api/v1/webhooks/${id}`, { version: 1, active: false }),
      await otherAdmin.post(`/api/v1/webhooks/${id}/rotate-secret`),
      await otherAdmin.get(`/api/v1/webhooks/${id}/deliveries`),
      await otherAdmin.request({ method: 'DELETE', url: `/api/v1/webhooks/${id}` }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(missing);
    }
    expect((await admin.get('/api/v1/webhooks')).json().items.find((w: { id: string }) => w.id === id)).toMatchObject({ active: true, version: 1 });
  });

  it('are changed with the version read, turned off and on, and deleted', async () => {
    const { id } = (await create(admin, { url: 'https://hooks.example.org/v' })).json();
    const off = await admin.patch(`/api/v1/webhooks/${id}`, { version: 1, active: false, kinds: ['age-out.due'] });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ active: false, kinds: ['age-out.due'], version: 2 });
    const stale = await admin.patch(`/api/v1/webhooks/${id}`, { version: 1, active: true });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    expect((await admin.patch(`/api/v1/webhooks/${id}`, { version: 2, url: 'http://example.org/' })).statusCode).toBe(400);
    expect((await admin.patch(`/api/v1/webhooks/${id}`, { version: 2, active: true, kinds: null })).json()).toMatchObject({ active: true, kinds: null, version: 3 });

    expect((await admin.request({ method: 'DELETE', url: `/api/v1/webhooks/${id}` })).statusCode).toBe(204);
    expect((await admin.get('/api/v1/webhooks')).json().items.map((w: { id: string }) => w.id)).not.toContain(id);
    expect((await admin.request({ method: 'DELETE', url: `/api/v1/webhooks/${id}` })).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/webhooks/${id}/deliveries`)).statusCode).toBe(404);
  });
});

describe('webhook delivery', () => {
  it('POSTs a signed event without personal data, and lists the delivery without its payload', async () => {
    const p = await t.party();
    const a = await t.login(['administrator'], p);
    await t.login(['caseworker'], p);
    const created = (await create(a, { url: receiver.url('/events'), kinds: ['contact.overdue'] })).json();
    const subjectId = '7d7d7d7d-0000-4000-8000-000000000001';
    await t.database.db.transaction().execute(async (trx) => {
      await notify(trx, t.clock.now(), { kind: 'contact.overdue', subjectType: 'case', subjectId, partyId: p.id, dedupeKey: 'overdue:e2e', details: { overdueDays: 4 } });
      await notify(trx, t.clock.now(), { kind: 'age-out.due', subjectType: 'age-out', subjectId, partyId: p.id, dedupeKey: 'age:e2e' });
    });

    const before = receiver.received.length;
    await deliverNotifications(jobContext(t.database.db, t.clock));
    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    const [r] = got;
    expect(r!.path).toBe('/events');
    expect(r!.headers['content-type']).toBe('application/json');
    expect(r!.headers['x-homeward-event']).toBe('contact.overdue');
    expect(r!.headers['x-homeward-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(created.secret, r!.headers['x-homeward-signature'] as string, r!.body, t.clock.now(), 300)).toBe(true);
    expect(verifyWebhookSignature(created.secret, r!.headers['x-homeward-signature'] as string, r!.body, new Date(t.clock.now().getTime() + 3_600_000), 300)).toBe(false);
    const body = JSON.parse(r!.body);
    expect(body).toEqual({ id: expect.any(String), kind: 'contact.overdue', subjectType: 'case', subjectId, partyCode: p.code, createdAt: t.clock.now().toISOString(), details: { overdueDays: 4 } });
    expect(Object.keys(body).sort()).toEqual(['createdAt', 'details', 'id', 'kind', 'partyCode', 'subjectId', 'subjectType']);

    const deliveries = await a.get(`/api/v1/webhooks/${created.id}/deliveries`);
    expect(deliveries.statusCode, deliveries.body).toBe(200);
    expect(deliveries.json().items).toEqual([
      { id: r!.headers['x-homeward-delivery'], kind: 'contact.overdue', status: 'sent', attempts: 1, lastHttpStatus: 200, lastErrorCode: null, nextAttemptAt: null, sentAt: t.clock.now().toISOString(), createdAt: t.clock.now().toISOString() },
    ]);
    expect(deliveries.body).not.toContain('a body the sender must not keep');
  });
});
