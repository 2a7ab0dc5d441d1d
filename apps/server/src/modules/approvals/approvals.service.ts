import { createHash } from 'node:crypto';
import type { Role } from '@homeward/contracts';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import { twoPersonEnabled } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { permissions, rolePermissions, type Permission } from '../auth/permissions.ts';
import { notify, type NotificationInput } from '../notifications/notify.ts';
import type { ApprovalStatus, PendingApprovalRow } from './approvals.tables.ts';
import { checkSecond, eligibleSecond, twoPersonPolicy, type ApprovalAct, type TwoPersonPolicy } from './two-person.ts';

export interface ApprovalDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** The deployment's two-person policy; the defaults (switched by HOMEWARD_TWO_PERSON) when absent. */
  twoPerson?: TwoPersonPolicy;
}

/** The policy in force for these deps. */
export function policyOf(deps: { twoPerson?: TwoPersonPolicy | undefined }): TwoPersonPolicy {
  return deps.twoPerson ?? twoPersonPolicy({ enabled: twoPersonEnabled() });
}

/** What runs after the commit (a checkpoint, a re-match), or nothing. */
export type AfterCommit = (() => Promise<void>) | null;

/**
 * What an act does once approved. Every path locks the act's subject first (in `current`), then
 * the approval row, so that confirming through the subject's own route and approving here
 * cannot deadlock or both succeed.
 */
export interface ActHandler {
  /** Locks the subject and returns the payload as it is now, or why the act can no longer happen. */
  current(trx: Executor, approval: PendingApprovalRow): Promise<{ payload: unknown } | { gone: string }>;
  /** Performs the act, in the approving transaction, as the second person. */
  perform(trx: Executor, second: Actor, approval: PendingApprovalRow, now: Date): Promise<AfterCommit>;
  /** Puts the subject back as it was before the first person asked (declined or expired). */
  release(trx: Executor, actor: Actor, approval: PendingApprovalRow, now: Date, reason: string): Promise<void>;
}

export type ActHandlers = Partial<Record<ApprovalAct, ActHandler>>;

/** JSON with sorted keys: the same value always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of exactly what is to be approved: the act, its subject and its payload. */
export function payloadHash(act: ApprovalAct, subject: { type: string; id: string }, payload: unknown): string {
  return createHash('sha256').update(canonical({ act, subjectType: subject.type, subjectId: subject.id, payload })).digest('hex');
}

/** Roles that hold a permission (who is told that an approval waits for them). */
const rolesWith = (p: Permission): Role[] => (Object.keys(rolePermissions) as Role[]).filter((r) => rolePermissions[r].includes(p));

const isPermission = (p: string): p is Permission => (permissions as readonly string[]).includes(p);

export interface ApprovalRequest {
  act: ApprovalAct;
  subject: { type: string; id: string };
  relatedIds?: string[];
  payload: unknown;
  reason: string | null;
  /** The other party in the decision (e.g. the party holding the dossier), when there is one. */
  otherPartyId: string | null;
  /** What the notification points at. */
  notifySubject: { type: NotificationInput['subjectType']; id: string };
}

/**
 * The first person's half of a high-impact act: records what is to be approved (with its hash)
 * and who may approve it, audits it and notifies the eligible second people, in the caller's
 * transaction. Nothing of the act itself happens here.
 */
export async function requestApproval(trx: Executor, actor: Actor, policy: TwoPersonPolicy, input: ApprovalRequest, now: Date): Promise<PendingApprovalRow> {
  if (!actor.userId || !actor.partyId) throw new AppError('FORBIDDEN', 'Only a signed-in official can ask for a second approval.');
  const eligibility = eligibleSecond(policy.acts[input.act], { firstPartyId: actor.partyId, otherPartyId: input.otherPartyId });
  const hash = payloadHash(input.act, input.subject, input.payload);
  const inserted = await trx
    .insertInto('pending_approval')
    .values({
      act: input.act,
      subject_type: input.subject.type,
      subject_id: input.subject.id,
      related_ids: input.relatedIds ?? [],
      payload: JSON.stringify(input.payload),
      payload_hash: hash,
      first_user_id: actor.userId,
      first_party_id: actor.partyId,
      first_at: now,
      first_reason: input.reason,
      second_party_id: eligibility.partyId,
      second_permission: eligibility.permission,
      second_user_id: null,
      second_at: null,
      second_reason: null,
      end_reason: null,
      expires_at: new Date(now.getTime() + policy.expiresAfterDays * 86_400_000),
    })
    .onConflict((oc) => oc.columns(['act', 'subject_id', 'payload_hash']).where('status', '=', 'pending').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) {
    const existing = await trx.selectFrom('pending_approval').select('id').where('act', '=', input.act).where('subject_id', '=', input.subject.id).where('payload_hash', '=', hash).where('status', '=', 'pending').executeTakeFirst();
    throw new AppError('ALREADY_EXISTS', 'The same act already waits for a second approval.', { details: { approvalId: existing?.id ?? null } });
  }
  await recordAudit(trx, actor, {
    action: 'approval.request',
    recordType: 'pending_approval',
    recordId: inserted.id,
    reason: input.reason,
    details: { act: input.act, subjectType: input.subject.type, subjectId: input.subject.id, secondPartyId: eligibility.partyId, payloadHash: hash },
  });
  // Told: the active users of the eligible party who hold the permission, except the first person.
  const recipientParty = eligibility.partyId ?? actor.partyId;
  const recipients = await trx
    .selectFrom('app_user')
    .select('id')
    .where('party_id', '=', recipientParty)
    .where('status', '=', 'active')
    .where('id', '<>', actor.userId)
    .where(sql<boolean>`roles && ${sql.val(rolesWith(eligibility.permission))}::text[]`)
    .execute();
  await notify(trx, now, {
    kind: 'approval.needed',
    subjectType: input.notifySubject.type,
    subjectId: input.notifySubject.id,
    partyId: recipientParty,
    userIds: recipients.map((r) => r.id),
    dedupeKey: `approval:${inserted.id}`,
    details: { approvalId: inserted.id, act: input.act },
  });
  return inserted;
}

/** An approval is seen by the first person's party and by the party its second may come from; others get 404. */
function canSeeApproval(actor: Actor, row: PendingApprovalRow): boolean {
  if (actor.kind === 'system') return true;
  if (!actor.partyId) return false;
  return row.first_party_id === actor.partyId || row.second_party_id === actor.partyId || row.second_party_id === null;
}

function assertSecond(actor: Actor, row: PendingApprovalRow) {
  if (!isPermission(row.second_permission)) throw new AppError('INTERNAL', 'Unknown permission in an approval.');
  const check = checkSecond({ partyId: row.second_party_id, permission: row.second_permission }, row.first_user_id, actor);
  if (check.ok) return;
  if (check.code === 'SAME_PERSON') throw new AppError('SAME_PERSON', 'A second person must approve this: not the one who asked for it.');
  throw new AppError('NOT_ELIGIBLE_SECOND', 'You are not among those who may give this second approval (party or permission).', { details: { secondPartyId: row.second_party_id, permission: row.second_permission } });
}

/** Whether this person may give the approval (for lists and for paths that decide before asking). */
export function isEligibleSecond(actor: Actor, row: PendingApprovalRow): boolean {
  try {
    assertSecond(actor, row);
    return true;
  } catch {
    return false;
  }
}

async function lockApproval(trx: Executor, id: string) {
  return trx.selectFrom('pending_approval').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

/** The pending approval of a subject for one of these acts, locked (the subject must be locked first). */
export async function findPendingFor(trx: Executor, subjectId: string, acts: readonly ApprovalAct[]): Promise<PendingApprovalRow | undefined> {
  return trx.selectFrom('pending_approval').selectAll().where('subject_id', '=', subjectId).where('act', 'in', [...acts]).where('status', '=', 'pending').forUpdate().executeTakeFirst();
}

async function end(trx: Executor, actor: Actor, row: PendingApprovalRow, status: Exclude<ApprovalStatus, 'pending' | 'approved'>, reason: string, now: Date) {
  await trx
    .updateTable('pending_approval')
    .set({ status, second_user_id: status === 'declined' && actor.userId !== row.first_user_id ? actor.userId : null, second_at: now, second_reason: status === 'declined' ? reason : null, end_reason: reason })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .execute();
  await recordAudit(trx, actor, {
    action: status === 'declined' ? 'approval.decline' : 'approval.expire',
    recordType: 'pending_approval',
    recordId: row.id,
    reason,
    details: { act: row.act, subjectType: row.subject_type, subjectId: row.subject_id },
  });
}

/**
 * The second person's half, in the caller's transaction, on a locked pending approval: refuses
 * the first person (409 SAME_PERSON) and anyone outside the eligible party or without the
 * permission (403 NOT_ELIGIBLE_SECOND), records the approval and performs the act.
 */
export async function completeApproval(trx: Executor, second: Actor, row: PendingApprovalRow, handler: ActHandler, reason: string | null, now: Date): Promise<AfterCommit> {
  assertSecond(second, row);
  const updated = await trx
    .updateTable('pending_approval')
    .set({ status: 'approved', second_user_id: second.userId, second_at: now, second_reason: reason })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw notPending();
  await recordAudit(trx, second, {
    action: 'approval.approve',
    recordType: 'pending_approval',
    recordId: row.id,
    reason,
    details: { act: row.act, subjectType: row.subject_type, subjectId: row.subject_id, firstUserId: row.first_user_id, payloadHash: row.payload_hash },
  });
  return handler.perform(trx, second, row, now);
}

/** Ends a pending approval because its subject went away (superseded, withdrawn), without releasing it. */
export async function expirePendingFor(trx: Executor, actor: Actor, subjectIds: readonly string[], acts: readonly ApprovalAct[], reason: string, now: Date): Promise<void> {
  if (subjectIds.length === 0) return;
  const rows = await trx.selectFrom('pending_approval').selectAll().where('subject_id', 'in', [...subjectIds]).where('act', 'in', [...acts]).where('status', '=', 'pending').forUpdate().execute();
  for (const row of rows) await end(trx, actor, row, 'expired', reason, now);
}

/** Declines (or, for the first person, withdraws) a pending approval and puts its subject back, in the caller's transaction. */
export async function declineInTrx(trx: Executor, actor: Actor, row: PendingApprovalRow, handler: ActHandler, reason: string, now: Date): Promise<void> {
  await end(trx, actor, row, 'declined', reason, now);
  await handler.release(trx, actor, row, now, `Second approval declined: ${reason}`);
}

/** Whether a pending approval has run out of time (or its subject changed) and why. */
async function staleReason(trx: Executor, row: PendingApprovalRow, handler: ActHandler, now: Date, current?: { payload: unknown } | { gone: string }): Promise<string | null> {
  if (now >= row.expires_at) return 'No second person approved it in time.';
  const state = current ?? (await handler.current(trx, row));
  if ('gone' in state) return state.gone;
  if (payloadHash(row.act, { type: row.subject_type, id: row.subject_id }, state.payload) !== row.payload_hash) return 'What was to be approved has changed since it was asked.';
  return null;
}

/** Expires a stale approval (and releases its subject) in the caller's transaction; true when it did. */
export async function expireIfStale(trx: Executor, actor: Actor, row: PendingApprovalRow, handler: ActHandler, now: Date): Promise<boolean> {
  const reason = await staleReason(trx, row, handler, now);
  if (!reason) return false;
  await end(trx, actor, row, 'expired', reason, now);
  await handler.release(trx, actor, row, now, `Second approval expired: ${reason}`);
  return true;
}

const notPending = () => new AppError('APPROVAL_NOT_PENDING', 'This approval has already been given, declined or has expired.');

export function presentApproval(row: PendingApprovalRow) {
  return {
    id: row.id,
    act: row.act,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    relatedIds: row.related_ids,
    payload: row.payload,
    payloadHash: row.payload_hash,
    status: row.status,
    firstUserId: row.first_user_id,
    firstPartyId: row.first_party_id,
    firstAt: row.first_at.toISOString(),
    firstReason: row.first_reason,
    secondPartyId: row.second_party_id,
    secondPermission: row.second_permission,
    secondUserId: row.second_user_id,
    secondAt: row.second_at ? row.second_at.toISOString() : null,
    secondReason: row.second_reason,
    endReason: row.end_reason,
    expiresAt: row.expires_at.toISOString(),
  };
}

/** The approval, after the checks every answer to it shares: visible (else 404), a known act. */
async function prepare(trx: Executor, actor: Actor, id: string, handlers: ActHandlers) {
  const seen = await trx.selectFrom('pending_approval').selectAll().where('id', '=', id).executeTakeFirst();
  if (!seen || !canSeeApproval(actor, seen)) throw notFound();
  const handler = handlers[seen.act];
  if (!handler) throw new AppError('INTERNAL', 'No handler for this act.');
  return { seen, handler };
}

/**
 * `POST /approvals/:id/approve`: the eligible second person approves exactly what was asked
 * (optionally naming its payload hash, 409 APPROVAL_CHANGED otherwise) and the act is performed
 * in the same transaction. Of two concurrent approvals one wins, the other gets 409
 * APPROVAL_NOT_PENDING. A stale approval (expired, or its subject changed) is ended as
 * `expired` and answered 409 APPROVAL_EXPIRED.
 */
export async function approve(deps: ApprovalDeps, actor: Actor, id: string, body: { reason?: string | undefined; payloadHash?: string | undefined }, handlers: ActHandlers) {
  let after: AfterCommit = null;
  let expired: string | null = null;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const { handler, seen } = await prepare(trx, actor, id, handlers);
    const current = seen.status === 'pending' ? await handler.current(trx, seen) : null;
    const row = await lockApproval(trx, id);
    if (row.status !== 'pending') throw notPending();
    assertSecond(actor, row);
    if (body.payloadHash && body.payloadHash !== row.payload_hash) {
      throw new AppError('APPROVAL_CHANGED', 'This is not what was asked to be approved.', { details: { payloadHash: row.payload_hash } });
    }
    expired = await staleReason(trx, row, handler, now, current ?? undefined);
    if (expired) {
      await end(trx, actor, row, 'expired', expired, now);
      await handler.release(trx, actor, row, now, `Second approval expired: ${expired}`);
      return;
    }
    after = await completeApproval(trx, actor, row, handler, body.reason ?? null, now);
  });
  if (expired) throw new AppError('APPROVAL_EXPIRED', 'This approval has expired; nothing was done.', { details: { reason: expired } });
  if (after) await (after as () => Promise<void>)();
  return getApproval(deps, actor, id);
}

/** `POST /approvals/:id/decline`: an eligible second person (or the first, withdrawing) ends it with a reason; nothing of the act is done. */
export async function decline(deps: ApprovalDeps, actor: Actor, id: string, reason: string, handlers: ActHandlers) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const { handler, seen } = await prepare(trx, actor, id, handlers);
    if (seen.status === 'pending') await handler.current(trx, seen);
    const row = await lockApproval(trx, id);
    if (row.status !== 'pending') throw notPending();
    if (actor.userId !== row.first_user_id) assertSecond(actor, row);
    await declineInTrx(trx, actor, row, handler, reason, now);
  });
  return getApproval(deps, actor, id);
}

export async function getApproval(deps: ApprovalDeps, actor: Actor, id: string) {
  const row = await deps.db.selectFrom('pending_approval').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !canSeeApproval(actor, row)) throw notFound();
  return presentApproval(row);
}

export interface ApprovalQuery {
  status: ApprovalStatus;
  limit: number;
}

/**
 * `status=pending`: what awaits the caller, the approvals they may give (their party, or any
 * party; their permission; not their own), not yet expired. Other statuses: the approvals their
 * party asked for or was asked to give. Audited with the ids returned.
 */
export async function listApprovals(deps: ApprovalDeps, actor: Actor, query: ApprovalQuery) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('pending_approval').selectAll().where('status', '=', query.status);
    const party = actor.partyId ?? '00000000-0000-0000-0000-000000000000';
    if (query.status === 'pending') {
      q = q.where('expires_at', '>', now);
      if (actor.kind !== 'system') {
        const held = permissions.filter((p) => actor.roles.some((r) => rolePermissions[r]?.includes(p)));
        q = q
          .where('first_user_id', '<>', actor.userId ?? '00000000-0000-0000-0000-000000000000')
          .where((eb) => eb.or([eb('second_party_id', '=', party), eb('second_party_id', 'is', null)]))
          .where('second_permission', 'in', held.length ? held : ['none']);
      }
    } else if (actor.kind !== 'system') {
      q = q.where((eb) => eb.or([eb('first_party_id', '=', party), eb('second_party_id', '=', party)]));
    }
    const rows = await q.orderBy('first_at', 'desc').orderBy('id').limit(query.limit).execute();
    if (rows.length) {
      await recordAudit(trx, actor, { action: 'approval.list', recordType: 'pending_approval', recordId: null, details: { ids: rows.map((r) => r.id) } });
    }
    return { items: rows.map(presentApproval) };
  });
}

/**
 * The caller's own approvals still waiting for a second person (not expired), newest first: so
 * that the first person can find them again and withdraw one (`POST /approvals/:id/decline`).
 */
export async function listOwnPending(deps: ApprovalDeps, actor: Actor, limit: number) {
  if (!actor.userId) return { items: [] };
  const rows = await deps.db
    .selectFrom('pending_approval')
    .selectAll()
    .where('status', '=', 'pending')
    .where('first_user_id', '=', actor.userId)
    .where('expires_at', '>', deps.clock.now())
    .orderBy('first_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return { items: rows.map(presentApproval) };
}
