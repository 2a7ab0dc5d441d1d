import type { WebhookInput, WebhookPatch, WebhookSubscription } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, validationFailed } from '../../errors.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import type { WebhookSubscriptionRow } from './notifications.tables.ts';
import { newWebhookSecret, sealWebhookSecret } from './webhook-secret.ts';
import { webhookUrlIssues } from './webhook-url.ts';
import {
  abandonDeliveries,
  findPartySubscriptions,
  findSubscription,
  findSubscriptionDeliveries,
  insertSubscription,
  updateSubscription,
} from './webhooks.repository.ts';

// A party's administrators subscribe their own systems to its events. Each subscription has its
// own signing secret, made here and shown once (on creation and on rotation).

export interface WebhookDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret: the signing secrets are sealed with a key derived from it. */
  secret: Buffer;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const presentSubscription = (r: WebhookSubscriptionRow): WebhookSubscription => ({
  id: r.id,
  url: r.url,
  kinds: r.kinds,
  active: r.active,
  version: r.version,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  secretRotatedAt: iso(r.secret_rotated_at),
});

function partyOf(actor: Actor): string {
  if (!actor.partyId) throw new AppError('FORBIDDEN', 'Only a member of a party can manage its webhooks.');
  return actor.partyId;
}

function checkUrl(url: string | undefined) {
  const issues = url === undefined ? [] : webhookUrlIssues(url);
  if (issues.length) throw validationFailed(issues);
}

/** The caller's party's live subscription, or NOT_FOUND (another party's looks missing). */
async function ownSubscription(db: Executor, actor: Actor, id: string, forUpdate = false) {
  const row = await findSubscription(db, id, forUpdate);
  if (!row || row.party_id !== partyOf(actor)) throw notFound();
  return row;
}

export async function createWebhook(deps: WebhookDeps, actor: Actor, input: WebhookInput) {
  const partyId = partyOf(actor);
  checkUrl(input.url);
  const id = randomUUID();
  const secret = newWebhookSecret();
  const now = deps.clock.now();
  const row = await deps.db.transaction().execute(async (trx) => {
    const created = await insertSubscription(trx, {
      id,
      party_id: partyId,
      url: input.url,
      secret_sealed: sealWebhookSecret(deps.secret, id, secret),
      kinds: input.kinds,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      secret_rotated_at: null,
      deleted_at: null,
    });
    await recordAudit(trx, actor, { action: 'webhook.create', recordType: 'webhook_subscription', recordId: id, details: { kinds: input.kinds?.length ?? 'all' } });
    return created;
  });
  return { ...presentSubscription(row), secret };
}

export async function listWebhooks(deps: WebhookDeps, actor: Actor) {
  return { items: (await findPartySubscriptions(deps.db, partyOf(actor))).map(presentSubscription) };
}

export async function patchWebhook(deps: WebhookDeps, actor: Actor, id: string, patch: WebhookPatch) {
  checkUrl(patch.url);
  const row = await deps.db.transaction().execute(async (trx) => {
    const current = await ownSubscription(trx, actor, id);
    const { version, ...fields } = patch;
    const updated = await updateSubscription(trx, id, version, { ...fields, updated_at: deps.clock.now() });
    if (!updated) {
      throw new AppError('VERSION_CONFLICT', 'This webhook was changed by someone else; reload it and apply your change again.', {
        details: { currentVersion: current.version },
      });
    }
    // Off means off: what it had not received yet is given up, not sent when it is turned on again.
    if (patch.active === false) await abandonDeliveries(trx, id, 'SUBSCRIPTION_INACTIVE');
    await recordAudit(trx, actor, { action: 'webhook.update', recordType: 'webhook_subscription', recordId: id, fields: Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined) });
    return updated;
  });
  return presentSubscription(row);
}

/** Removes a subscription for good; what it had not received yet is given up. */
export async function deleteWebhook(deps: WebhookDeps, actor: Actor, id: string) {
  await deps.db.transaction().execute(async (trx) => {
    await ownSubscription(trx, actor, id, true);
    const now = deps.clock.now();
    await trx.updateTable('webhook_subscription').set({ deleted_at: now, active: false, updated_at: now }).where('id', '=', id).execute();
    await abandonDeliveries(trx, id, 'SUBSCRIPTION_DELETED');
    await recordAudit(trx, actor, { action: 'webhook.delete', recordType: 'webhook_subscription', recordId: id });
  });
}

/** A new signing secret, shown once; the old one stops working at once (retries use the new one). */
export async function rotateWebhookSecret(deps: WebhookDeps, actor: Actor, id: string) {
  const secret = newWebhookSecret();
  const row = await deps.db.transaction().execute(async (trx) => {
    await ownSubscription(trx, actor, id, true);
    const now = deps.clock.now();
    const updated = await trx
      .updateTable('webhook_subscription')
      .set((eb) => ({ secret_sealed: sealWebhookSecret(deps.secret, id, secret), secret_rotated_at: now, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'webhook.rotate-secret', recordType: 'webhook_subscription', recordId: id });
    return updated;
  });
  return { ...presentSubscription(row), secret };
}

export async function listWebhookDeliveries(deps: WebhookDeps, actor: Actor, id: string, query: { cursor?: string | undefined; limit: number }) {
  await ownSubscription(deps.db, actor, id);
  const rows = await findSubscriptionDeliveries(deps.db, id, decodeCursor(query.cursor), query.limit);
  const { items, nextCursor } = toPage(rows, query.limit);
  return {
    items: items.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      attempts: r.attempts,
      lastHttpStatus: r.last_http_status,
      lastErrorCode: r.last_error_code,
      nextAttemptAt: r.status === 'pending' || r.status === 'failed' ? r.next_attempt_at.toISOString() : null,
      sentAt: iso(r.sent_at),
      createdAt: r.created_at.toISOString(),
    })),
    nextCursor,
  };
}
