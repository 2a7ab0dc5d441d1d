import type { MessageInput, MessageReview, Role } from '@homeward/contracts';
import { AppError, notFound, validationFailed } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { hasTier, rolePermissions, type Permission } from '../auth/permissions.ts';
import { sideOf } from '../cases/cases.policy.ts';
import { assertContactAllowed } from '../consent/consent.gate.ts';
import { notify } from '../notifications/notify.ts';
import { assertCaseActive, findVisibleCase, type ContactDeps } from './contact-plans.service.ts';
import { canSeeMessage, directionOf, presentMessage } from './contact.policy.ts';
import { decideMessage, findMessage, findMessageEvents, findMessagesOfCase, findPartyPhoto, findUsersWithRoles, insertMessage } from './contact-messages.repository.ts';

const rolesWith = (p: Permission) => (Object.keys(rolePermissions) as Role[]).filter((r) => rolePermissions[r].includes(p));

/** A message the actor may see, with its case; anything else answers like a missing record. */
async function findVisibleMessage(trx: Executor, actor: Actor, id: string, forUpdate = false) {
  const row = await findMessage(trx, id, forUpdate);
  if (!row) throw notFound();
  const kase = await findVisibleCase(trx, actor, row.case_id);
  if (!canSeeMessage(actor, row, kase)) throw notFound();
  return { row, kase };
}

/**
 * A message between the family and the child, relayed by an officer of the sender's side: the
 * family's side sends to the child, the child's side to the family. It waits for a safeguarding
 * review; the reviewers of both parties are told a message is waiting.
 */
export async function submitMessage(deps: ContactDeps, actor: Actor, caseId: string, input: MessageInput) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const kase = await findVisibleCase(trx, actor, caseId);
    const side = sideOf(actor, kase);
    if (!side || !actor.partyId) throw new AppError('FORBIDDEN', 'Only an officer of one of the two parties of the case can relay a message.');
    assertCaseActive(kase);
    await assertContactAllowed(trx, kase, now);
    if (input.mediaId && !(await findPartyPhoto(trx, input.mediaId, actor.partyId, [kase.dossier_id, kase.request_id]))) {
      throw validationFailed([{ path: 'mediaId', message: "is not a photo your party added to this case's dossier or request" }]);
    }
    const row = await insertMessage(trx, {
      case_id: caseId,
      direction: directionOf(side),
      sender_party_id: actor.partyId,
      body: input.body,
      media_id: input.mediaId ?? null,
      status: 'pending-review',
      return_reason: null,
      submitted_by: actor.userId,
      submitted_at: now,
      reviewed_by: null,
      reviewed_at: null,
    });
    await recordAudit(trx, actor, {
      action: 'message.submit',
      recordType: 'case_message',
      recordId: row.id,
      fields: ['sensitive'],
      details: { caseId, direction: row.direction, hasMedia: !!row.media_id },
    });
    for (const partyId of [kase.holding_party_id, kase.family_party_id]) {
      const reviewers = await findUsersWithRoles(trx, partyId, rolesWith('message.review'), actor.userId);
      if (reviewers.length === 0) continue;
      await notify(trx, now, { kind: 'message.review-needed', subjectType: 'message', subjectId: row.id, partyId, userIds: reviewers, dedupeKey: `message-review:${row.id}`, details: { caseId } });
    }
    return presentMessage(row, actor);
  });
}

/**
 * A reviewer's decision, once per message and never on one's own: approving delivers the message
 * to the other side (and tells it so), returning it needs a reason and tells the sender's side.
 */
export async function reviewMessage(deps: ContactDeps, actor: Actor, id: string, review: MessageReview) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { row, kase } = await findVisibleMessage(trx, actor, id, true);
    if (row.submitted_by && row.submitted_by === actor.userId) {
      throw new AppError('MESSAGE_SELF_REVIEW', 'A message is reviewed by someone other than the officer who relayed it.');
    }
    if (row.status !== 'pending-review') throw new AppError('MESSAGE_ALREADY_REVIEWED', 'This message has already been reviewed.', { details: { status: row.status } });
    const status = review.decision === 'approve' ? 'approved' : 'returned';
    // Nothing is delivered while contact is suspended (or consent to it withdrawn); returning is.
    if (status === 'approved') await assertContactAllowed(trx, kase, now);
    const reason = review.decision === 'return' ? review.reason : null;
    const decided = await decideMessage(trx, { id, status, reason, actorUserId: actor.userId, at: now });
    if (!decided) throw new AppError('MESSAGE_ALREADY_REVIEWED', 'This message has already been reviewed.');
    await recordAudit(trx, actor, {
      action: status === 'approved' ? 'message.approve' : 'message.return',
      recordType: 'case_message',
      recordId: id,
      fields: ['status'],
      reason,
      details: { caseId: row.case_id },
    });
    const base = { subjectType: 'message' as const, subjectId: id, details: { caseId: row.case_id } };
    if (status === 'approved') {
      const recipientParty = row.sender_party_id === kase.holding_party_id ? kase.family_party_id : kase.holding_party_id;
      await notify(trx, now, { ...base, kind: 'message.delivered', partyId: recipientParty, roles: rolesWith('contact.write'), dedupeKey: `message-delivered:${id}` });
    } else {
      const dedupeKey = `message-returned:${id}`;
      if (row.submitted_by) await notify(trx, now, { ...base, kind: 'message.returned', partyId: row.sender_party_id, userIds: [row.submitted_by], dedupeKey });
      await notify(trx, now, { ...base, kind: 'message.returned', partyId: row.sender_party_id, roles: ['communications-officer'], dedupeKey });
    }
    return presentMessage(decided, actor);
  });
}

/** The messages of a case the actor may see, oldest first; reading their text is audited with the ids. */
export async function listMessages(deps: ContactDeps, actor: Actor, caseId: string) {
  return deps.db.transaction().execute(async (trx) => {
    const kase = await findVisibleCase(trx, actor, caseId);
    const rows = (await findMessagesOfCase(trx, caseId)).filter((r) => canSeeMessage(actor, r, kase));
    if (rows.length) {
      await recordAudit(trx, actor, {
        action: 'message.list',
        recordType: 'case_message',
        recordId: null,
        fields: hasTier(actor.roles, 'sensitive') ? ['sensitive'] : [],
        details: { caseId, ids: rows.map((r) => r.id) },
      });
    }
    return { items: rows.map((r) => presentMessage(r, actor)) };
  });
}

/** One message with its full history of review. */
export async function getMessage(deps: ContactDeps, actor: Actor, id: string) {
  return deps.db.transaction().execute(async (trx) => {
    const { row } = await findVisibleMessage(trx, actor, id);
    const history = await findMessageEvents(trx, id);
    await recordAudit(trx, actor, {
      action: 'message.read',
      recordType: 'case_message',
      recordId: id,
      fields: hasTier(actor.roles, 'sensitive') ? ['sensitive'] : [],
      details: { caseId: row.case_id },
    });
    return {
      ...presentMessage(row, actor),
      history: history.map((h) => ({ status: h.status, actorUserId: h.actor_user_id, reason: h.reason, at: h.at.toISOString() })),
    };
  });
}
