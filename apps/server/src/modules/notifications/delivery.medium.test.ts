import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-db.ts';
import { fixedClock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../auth/actor.ts';
import { deliverNotifications, maxAttempts, retryDelaysMs } from './delivery.service.ts';
import { notify } from './notify.ts';
import { jobContext, seedParty, startReceiver, startSmtpCapture } from './notifications.test-support.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';
import { createWebhook, patchWebhook } from './webhooks.service.ts';

let database: Database;
const clock = fixedClock('2026-06-01T10:00:00Z');
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const deps = () => ({ db: database.db, clock, secret: jobContext(database.db, clock).secret });
const subjectId = '3f2a0c1e-0000-4000-8000-000000000001';
const event = (partyId: string, key: string, kind = 'contact.overdue') => ({ kind, subjectType: 'case' as const, subjectId, partyId, dedupeKey: key, details: { overdueDays: 3 } });
const deliveriesOf = (subscriptionId: string) =>
  database.db.selectFrom('notification_delivery').selectAll().where('subscription_id', '=', subscriptionId).orderBy('created_at').orderBy('dedupe_key').execute();

describe('notify() and the outbox', () => {
  it('queues one webhook per matching subscription and event (not per user), once however often it runs', async () => {
    const { party } = await seedParty(database.db, [['caseworker'], ['caseworker'], ['administrator']]);
    const actor = systemActor(party.id);
    const all = await createWebhook(deps(), actor, { url: 'https://a.example.org/hook', kinds: null });
    const ageOnly = await createWebhook(deps(), actor, { url: 'https://b.example.org/hook', kinds: ['age-out.due'] });
    const off = await createWebhook(deps(), actor, { url: 'https://c.example.org/hook', kinds: null });
    await patchWebhook(deps(), actor, off.id, { version: 1, active: false });

    const first = await database.db.transaction().execute((trx) => notify(trx, clock.now(), event(party.id, 'overdue:1')));
    const again = await database.db.transaction().execute((trx) => notify(trx, clock.now(), event(party.id, 'overdue:1')));
    expect([first, again]).toEqual([3, 0]);
    expect(await deliveriesOf(all.id)).toHaveLength(1);
    expect(await deliveriesOf(ageOnly.id)).toHaveLength(0);
    expect(await deliveriesOf(off.id)).toHaveLength(0);
    const [d] = await deliveriesOf(all.id);
    expect(d!.payload).toEqual({ id: expect.any(String), kind: 'contact.overdue', subjectType: 'case', subjectId, partyCode: party.code, createdAt: clock.now().toISOString(), details: { overdueDays: 3 } });
    const emails = await database.db.selectFrom('notification_delivery').select('user_id').where('channel', '=', 'email').where('dedupe_key', '=', 'overdue:1').execute();
    expect(emails).toHaveLength(3);
  });

  it('rolls the deliveries back with the notification', async () => {
    const { party } = await seedParty(database.db);
    const sub = await createWebhook(deps(), systemActor(party.id), { url: 'https://a.example.org/hook', kinds: null });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await notify(trx, clock.now(), event(party.id, 'rolled-back'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await deliveriesOf(sub.id)).toEqual([]);
  });
});

describe('the delivery job', () => {
  it('retries a failing receiver with backoff (1 min, 5 min, 30 min, 2 h, 12 h) and then gives up', async () => {
    const receiver = await startReceiver(() => 500);
    try {
      const { party } = await seedParty(database.db, []);
      const sub = await createWebhook(deps(), systemActor(party.id), { url: receiver.url(), kinds: null });
      await database.db.transaction().execute((trx) => notify(trx, clock.now(), event(party.id, 'failing:1')));
      const ctx = jobContext(database.db, clock);

      await deliverNotifications(ctx);
      expect(receiver.received).toHaveLength(1);
      let [d] = await deliveriesOf(sub.id);
      expect(d).toMatchObject({ status: 'failed', attempts: 1, last_http_status: 500, last_error_code: 'HTTP_500', lease_until: null });
      expect(d!.next_attempt_at.getTime() - clock.now().getTime()).toBe(60_000);

      for (const [i, wait] of retryDelaysMs.entries()) {
        clock.advance(wait - 1000);
        await deliverNotifications(ctx);
        expect(receiver.received, `not before the ${i + 1}. wait is over`).toHaveLength(i + 1);
        clock.advance(1000);
        await deliverNotifications(ctx);
        expect(receiver.received).toHaveLength(i + 2);
      }
      [d] = await deliveriesOf(sub.id);
      expect(d).toMatchObject({ status: 'dead', attempts: maxAttempts, last_error_code: 'HTTP_500' });
      clock.advance(7 * 86_400_000);
      await deliverNotifications(ctx);
      expect(receiver.received).toHaveLength(maxAttempts);
      // Every retry is the same delivery (the receiver can drop duplicates by its id).
      expect(new Set(receiver.received.map((r) => r.headers['x-homeward-delivery'])).size).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it('sends each delivery exactly once when two instances run at the same time', async () => {
    const receiver = await startReceiver();
    try {
      const { party } = await seedParty(database.db, []);
      const a = await createWebhook(deps(), systemActor(party.id), { url: receiver.url('/a'), kinds: null });
      const b = await createWebhook(deps(), systemActor(party.id), { url: receiver.url('/b'), kinds: null });
      for (let i = 0; i < 12; i++) await database.db.transaction().execute((trx) => notify(trx, clock.now(), event(party.id, `race:${i}`)));
      const ctx = jobContext(database.db, clock);
      const opts = { batchSize: 3, concurrency: 2 };
      const reports = await Promise.all([deliverNotifications(ctx, opts), deliverNotifications(ctx, opts)]);

      const ids = receiver.received.map((r) => r.headers['x-homeward-delivery']);
      expect(ids).toHaveLength(24);
      expect(new Set(ids).size).toBe(24);
      expect(reports[0]!.sent + reports[1]!.sent).toBe(24);
      const rows = [...(await deliveriesOf(a.id)), ...(await deliveriesOf(b.id))];
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      await receiver.close();
    }
  });

  it('takes over a delivery whose sender crashed once its claim has expired', async () => {
    const receiver = await startReceiver();
    try {
      const { party } = await seedParty(database.db, []);
      const sub = await createWebhook(deps(), systemActor(party.id), { url: receiver.url(), kinds: null });
      await database.db.transaction().execute((trx) => notify(trx, clock.now(), event(party.id, 'crash:1')));
      // An instance claimed it and died before sending.
      const claimedUntil = new Date(clock.now().getTime() + 5 * 60_000);
      await database.db.updateTable('notification_delivery').set({ lease_until: claimedUntil, attempts: 1 }).where('subscription_id', '=', sub.id).execute();
      const ctx = jobContext(database.db, clock);
      await deliverNotifications(ctx);
      expect(receiver.received).toHaveLength(0);
      clock.set(claimedUntil);
      await deliverNotifications(ctx);
      expect(receiver.received).toHaveLength(1);
      expect((await deliveriesOf(sub.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    } finally {
      await receiver.close();
    }
  });

  it('signs with the current secret and drops deliveries of a disabled subscription', async () => {
    const receiver = await startReceiver();
    try {
      const { party } = await seedParty(database.db, []);
      const sub = await createWebhook(deps(), systemActor(party.id), { url: receiver.url(), kinds: null });
      await database.db.transaction().execute((trx) => notify(trx, clock.now(), event(party.id, 'signed:1')));
      await deliverNotifications(jobContext(database.db, clock));
      const [r] = receiver.received;
      expect(verifyWebhookSignature(sub.secret, r!.headers['x-homeward-signature'] as string, r!.body, clock.now(), 300)).toBe(true);

      await database.db.transaction().execute((trx) => notify(trx, clock.now(), event(party.id, 'signed:2')));
      await patchWebhook(deps(), systemActor(party.id), sub.id, { version: 1, active: false });
      await deliverNotifications(jobContext(database.db, clock));
      expect(receiver.received).toHaveLength(1);
      expect((await deliveriesOf(sub.id)).map((d) => [d.status, d.last_error_code])).toEqual([
        ['sent', null],
        ['dead', 'SUBSCRIPTION_INACTIVE'],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('does not follow redirects, and gives up waiting for a receiver that does not answer', async () => {
    const redirecting = await startReceiver(() => 307, { location: '/elsewhere' });
    const silent = await startReceiver(() => 0);
    try {
      const { party } = await seedParty(database.db, []);
      const moved = await createWebhook(deps(), systemActor(party.id), { url: redirecting.url('/old'), kinds: null });
      const hung = await createWebhook(deps(), systemActor(party.id), { url: silent.url(), kinds: null });
      await database.db.transaction().execute((trx) => notify(trx, clock.now(), event(party.id, 'edge:1')));
      await deliverNotifications(jobContext(database.db, clock), { timeoutMs: 300 });
      expect(redirecting.received.map((r) => r.path)).toEqual(['/old']);
      expect((await deliveriesOf(moved.id))[0]).toMatchObject({ status: 'failed', last_http_status: 307, last_error_code: 'HTTP_307' });
      expect(silent.received).toHaveLength(1);
      expect((await deliveriesOf(hung.id))[0]).toMatchObject({ status: 'failed', last_http_status: null, last_error_code: 'TIMEOUT' });
    } finally {
      await redirecting.close();
      await silent.close();
    }
  });
});

describe('e-mail', () => {
  it('sends one plain notice per notified user through SMTP, naming only the kind and a link', async () => {
    const smtp = await startSmtpCapture();
    try {
      const { party, users } = await seedParty(database.db, [['caseworker'], ['communications-officer']]);
      await database.db.transaction().execute((trx) => notify(trx, clock.now(), { ...event(party.id, 'mail:1'), roles: ['caseworker'] }));
      const ctx = jobContext(database.db, clock, { smtpUrl: smtp.url, mailFrom: 'homeward@example.org', publicUrl: 'https://homeward.example.org/' });
      const report = await deliverNotifications(ctx);
      expect(report).toMatchObject({ sent: 1, failed: 0 });
      expect(smtp.messages).toHaveLength(1);
      const [m] = smtp.messages;
      expect(m!.to).toEqual([users[0]!.email]);
      expect(m!.from).toBe('homeward@example.org');
      expect(m!.raw).toMatch(/^Subject: Homeward: new notification \(contact\.overdue\)/m);
      expect(m!.raw).toContain('https://homeward.example.org/notifications');
      for (const secret of ['Olena', 'Testerenko', subjectId, party.code, party.id, 'overdueDays', users[0]!.id]) expect(m!.raw).not.toContain(secret);

      await deliverNotifications(ctx);
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('gives queued e-mails up (EMAIL_DISABLED) when no SMTP server is configured, and retries when SMTP is down', async () => {
    const { party, users } = await seedParty(database.db);
    await database.db.transaction().execute((trx) => notify(trx, clock.now(), event(party.id, 'mail:off')));
    await deliverNotifications(jobContext(database.db, clock));
    const emailOf = () => database.db.selectFrom('notification_delivery').selectAll().where('user_id', '=', users[0]!.id).where('channel', '=', 'email').executeTakeFirstOrThrow();
    expect(await emailOf()).toMatchObject({ status: 'dead', last_error_code: 'EMAIL_DISABLED', sent_at: null });

    // A server that is not there: a failure to retry, with a short code.
    const smtp = await startSmtpCapture();
    const url = smtp.url;
    await smtp.close();
    await database.db.transaction().execute((trx) => notify(trx, clock.now(), event(party.id, 'mail:down')));
    await deliverNotifications(jobContext(database.db, clock, { smtpUrl: url }));
    const down = await database.db.selectFrom('notification_delivery').selectAll().where('dedupe_key', '=', 'mail:down').executeTakeFirstOrThrow();
    expect(down).toMatchObject({ status: 'failed', attempts: 1 });
    expect(down.last_error_code).toMatch(/^[A-Z0-9_]+$/);
  });
});
