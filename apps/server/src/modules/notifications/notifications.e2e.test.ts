import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/test-app.ts';
import { notify } from './notify.ts';

let t: TestApp;
let party: { id: string; code: string };
let olena: Client;
let petro: Client;
let viewer: Client;
beforeAll(async () => {
  t = await createTestApp();
  party = await t.party();
  olena = await t.login(['caseworker'], party);
  petro = await t.login(['caseworker'], party);
  viewer = await t.login(['viewer'], party);
});
afterAll(() => t.close());

const subjectId = '5b1c7f1e-0000-4000-8000-00000000000a';
const raise = (key: string, over: { userIds?: string[]; roles?: ('caseworker' | 'viewer')[] } = {}) =>
  t.database.db.transaction().execute((trx) =>
    notify(trx, t.clock.now(), { kind: 'contact.overdue', subjectType: 'case', subjectId, partyId: party.id, dedupeKey: key, details: { overdueDays: 2 }, ...over }),
  );

describe('in-app notifications', () => {
  it("lists the caller's own notifications, newest first, and counts the unread", async () => {
    expect(await raise('a:1', { userIds: [olena.userId] })).toBe(1);
    t.clock.advance(60_000);
    expect(await raise('a:2', { roles: ['caseworker'] })).toBe(2);
    expect(await raise('a:2', { roles: ['caseworker'] })).toBe(0);

    const res = await olena.get('/api/v1/notifications');
    expect(res.statusCode, res.body).toBe(200);
    const { items, nextCursor } = res.json();
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({ id: expect.any(String), kind: 'contact.overdue', subjectType: 'case', subjectId, details: { overdueDays: 2 }, createdAt: t.clock.now().toISOString(), readAt: null });
    expect(items[1].createdAt < items[0].createdAt).toBe(true);
    expect(nextCursor).toBeNull();
    expect((await olena.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 2 });
    expect((await petro.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
    expect((await viewer.get('/api/v1/notifications')).json().items).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const first = (await olena.get('/api/v1/notifications?limit=1')).json();
    expect(first.items).toHaveLength(1);
    const second = (await olena.get(`/api/v1/notifications?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect((await olena.get('/api/v1/notifications?cursor=nonsense')).json().code).toBe('INVALID_CURSOR');
  });

  it('marks one read (the first reading time stays), filters unread, and marks all read', async () => {
    const [newest, oldest] = (await olena.get('/api/v1/notifications')).json().items;
    const read = await olena.post(`/api/v1/notifications/${oldest.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().readAt).toBe(t.clock.now().toISOString());
    t.clock.advance(1000);
    expect((await olena.post(`/api/v1/notifications/${oldest.id}/read`)).json().readAt).toBe(read.json().readAt);

    const unread = (await olena.get('/api/v1/notifications?unread=true')).json().items;
    expect(unread.map((n: { id: string }) => n.id)).toEqual([newest.id]);
    expect((await olena.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });

    expect((await olena.post('/api/v1/notifications/read-all')).json()).toEqual({ marked: 1 });
    expect((await olena.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 0 });
    expect((await petro.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
  });

  it("answers 404 for someone else's notification, as for one that does not exist", async () => {
    const [petros] = (await petro.get('/api/v1/notifications')).json().items;
    const other = await olena.post(`/api/v1/notifications/${petros.id}/read`);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual((await olena.post('/api/v1/notifications/00000000-0000-4000-8000-000000000000/read')).json());
    expect((await olena.post('/api/v1/notifications/not-an-id/read')).statusCode).toBe(404);
    expect((await petro.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
  });

  it('is for every role, and for nobody signed out', async () => {
    expect((await viewer.get('/api/v1/notifications/unread-count')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('are described in the OpenAPI document, with the webhook secret only where it is shown once', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    expect(paths['/api/v1/notifications'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['unread', 'cursor', 'limit']));
    expect(paths['/api/v1/webhooks'].post.responses['201'].content['application/json'].schema.properties).toHaveProperty('secret');
    expect(paths['/api/v1/webhooks'].get.responses['200'].content['application/json'].schema.properties.items.items.properties).not.toHaveProperty('secret');
  });
});
