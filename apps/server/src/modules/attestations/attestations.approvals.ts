import { createHmac } from 'node:crypto';
import { attestationSubjectTypes, type AttestationInput, type Role } from '@homeward/contracts';
import { canonicalJson } from '@homeward/translog';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { requestApproval, type ActHandler } from '../approvals/approvals.service.ts';
import type { PendingApprovalRow } from '../approvals/approvals.tables.ts';
import type { TwoPersonPolicy } from '../approvals/two-person.ts';
import type { Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { hasPermission } from '../auth/permissions.ts';
import { ensurePartyKey } from '../transparency/keys.service.ts';
import { findSigningKey } from '../transparency/keys.repository.ts';
import { publishCheckpoint, type LogDeps } from '../transparency/log.service.ts';
import {
  assertKeyAsked,
  attestableSubject,
  fieldsToCover,
  keyNotValid,
  lockAttestedSubject,
} from './attestation-prepare.ts';
import { signAttestation } from './attestation-sign.ts';
import { loadSubjects, type AttestedSubject } from './attestation-subjects.ts';
import { findPolicies } from './attestations.repository.ts';

// Two-person rule for verification decisions (act `attestation.verify`): an attestation is one
// party's statement signed with that party's key, so the first verifier's statement is signed only
// once a second verifier of the SAME party approves exactly it (modules/approvals/two-person.ts).

/**
 * Exactly what would be signed: the subject, the claim and decision, the fields covered, a keyed
 * hash of the covered content as the first verifier read it (a plain hash of a name and a birth
 * date could be guessed), the evidence the content refers to (photo and handover record ids,
 * never their content) and the key the first verifier named, if any.
 */
export const attestPayload = z.object({
  subjectType: z.enum(attestationSubjectTypes),
  subjectId: z.uuid(),
  claim: z.string(),
  decision: z.enum(['verified', 'rejected', 'needs-info']),
  coveredFields: z.array(z.string()),
  contentHash: z.string(),
  evidence: z.array(z.string()),
  keyId: z.string().nullable(),
});
export type AttestPayload = z.infer<typeof attestPayload>;

/** HMAC-SHA-256 of the covered content (RFC 8785 canonical JSON) under a key of its own, derived from the server secret. */
function contentHash(secret: Buffer, covered: Record<string, unknown>): string {
  const key = createHmac('sha256', secret).update('homeward:attestation-approval-content').digest();
  return createHmac('sha256', key).update(canonicalJson(covered)).digest('hex');
}

/** Ids of what the covered content points at: the ready photos (when covered), the handover record (plan and side). */
async function evidenceOf(
  trx: Executor,
  subject: AttestedSubject,
  covered: Record<string, unknown>,
): Promise<string[]> {
  const out: string[] = [];
  if (subject.type === 'dossier' && 'photos' in covered) {
    const photos = await trx
      .selectFrom('media_file')
      .select('id')
      .where('subject_type', '=', 'dossier')
      .where('subject_id', '=', subject.id)
      .where('kind', '=', 'photo')
      .where('status', '=', 'ready')
      .orderBy('id')
      .execute();
    out.push(...photos.map((p) => `media/${p.id}`));
  }
  const handover = covered.handover as { planId?: string; side?: string } | null | undefined;
  if (handover?.planId) out.push(`reunification-handover/${handover.planId}/${handover.side}`);
  return out;
}

async function payloadOf(
  trx: Executor,
  secret: Buffer,
  subject: AttestedSubject,
  partyId: string,
  what: Omit<AttestPayload, 'contentHash' | 'evidence' | 'subjectType' | 'subjectId'>,
): Promise<AttestPayload> {
  const covered = subject.covered(what.coveredFields, partyId);
  return {
    subjectType: subject.type,
    subjectId: subject.id,
    claim: what.claim,
    decision: what.decision,
    coveredFields: what.coveredFields,
    contentHash: contentHash(secret, covered),
    evidence: await evidenceOf(trx, subject, covered),
    keyId: what.keyId,
  };
}

/**
 * The first verifier's half, in the caller's transaction: the same checks as signing at once
 * (subject visible and ready, key named), then a pending approval of exactly what would be
 * signed, for a second verifier of the same party. Nothing is signed.
 */
export async function askSecondVerifier(
  trx: Executor,
  deps: LogDeps,
  actor: Actor & { partyId: string },
  policy: TwoPersonPolicy,
  input: AttestationInput,
  coveredFields: string[],
  now: Date,
): Promise<PendingApprovalRow> {
  const subject = await attestableSubject(trx, actor, input, coveredFields);
  await assertKeyAsked(trx, actor.partyId, input.keyId, now);
  const payload = await payloadOf(trx, deps.secret, subject, actor.partyId, {
    claim: input.claim,
    decision: input.decision,
    coveredFields,
    keyId: input.keyId ?? null,
  });
  return requestApproval(
    trx,
    actor,
    policy,
    {
      act: 'attestation.verify',
      subject: { type: input.subjectType, id: input.subjectId },
      payload,
      reason: null,
      otherPartyId: null,
      notifySubject: { type: input.subjectType, id: input.subjectId },
    },
    now,
  );
}

/** The first verifier, as the signer of the statement their approval releases. */
const signerOf = (approval: PendingApprovalRow, second: Actor) => ({
  kind: 'user' as const,
  userId: approval.first_user_id,
  partyId: approval.first_party_id,
  roles: [],
  requestId: second.requestId,
});

/** The statement is signed in the first verifier's name: only while they may still attest. */
async function mayStillAttest(trx: Executor, userId: string): Promise<boolean> {
  const user = await trx
    .selectFrom('app_user')
    .select(['status', 'roles'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return !!user && user.status === 'active' && hasPermission(user.roles as Role[], 'attestation.sign');
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** What approving an attestation does (used by `POST /api/v1/approvals/:id/approve`). */
export function attestationApprovalHandler(deps: LogDeps): ActHandler {
  return {
    async current(trx, approval) {
      const p = attestPayload.parse(approval.payload);
      await lockAttestedSubject(trx, p.subjectType, p.subjectId);
      const subject = (await loadSubjects(trx, p.subjectType, [p.subjectId])).get(p.subjectId);
      if (!subject) return { gone: 'The record no longer exists: nothing was signed.' };
      const policy = (await findPolicies(trx)).find(
        (x) => x.claim === p.claim && x.subjectType === p.subjectType,
      );
      if (!policy || !sameList(fieldsToCover(policy, p.subjectType, p.coveredFields), p.coveredFields)) {
        return {
          gone: 'The claim’s policy changed since it was asked: nothing was signed; attest it again under the policy as it is now.',
        };
      }
      if (p.decision === 'verified' && !subject.isReady(p.coveredFields, approval.first_party_id)) {
        return { gone: 'There is nothing to attest any more: nothing was signed.' };
      }
      if (!(await mayStillAttest(trx, approval.first_user_id))) {
        return {
          gone: 'The first verifier may no longer attest (account disabled or role removed): nothing was signed.',
        };
      }
      const fresh = await payloadOf(trx, deps.secret, subject, approval.first_party_id, p);
      if (fresh.contentHash !== p.contentHash) {
        return {
          gone: 'The record changed since the first verifier read it: the values to be signed are no longer the same. Nothing was signed; attest it again.',
        };
      }
      if (p.keyId) {
        const key = await findSigningKey(trx, approval.first_party_id, 'attestation', deps.clock.now());
        if (key?.key_id !== p.keyId)
          return {
            gone: 'The key the first verifier named is no longer the party’s current signing key: nothing was signed.',
          };
      }
      return { payload: fresh };
    },
    async perform(trx, second, approval, now) {
      const p = attestPayload.parse(approval.payload);
      const subject = (await loadSubjects(trx, p.subjectType, [p.subjectId])).get(p.subjectId);
      if (!subject) throw new AppError('INTERNAL', 'The subject of an approved attestation went away.');
      const key = await ensurePartyKey(trx, deps, approval.first_party_id, now);
      if (p.keyId && p.keyId !== key.key_id) throw keyNotValid();
      await signAttestation(trx, {
        actor: signerOf(approval, second),
        key,
        subject,
        claim: p.claim,
        decision: p.decision,
        coveredFields: p.coveredFields,
        now,
        secret: deps.secret,
        approval: { id: approval.id, approver: second },
      });
      return () => publishCheckpoint(deps).then(() => undefined);
    },
    release: async () => undefined,
  };
}
