import { createAttestation, envelopeDigest, newSalt } from '@homeward/translog';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import type { PartyKeyRow } from '../transparency/keys.repository.ts';
import { appendLogEntry, newEntry, privateKeyOf } from '../transparency/log.service.ts';
import type { AttestedSubject } from './attestation-subjects.ts';
import { insertAttestation } from './attestations.repository.ts';
import { subjectRefOf } from './covered-content.ts';

export interface SignRequest {
  actor: Actor & { partyId: string; userId: string };
  key: PartyKeyRow;
  subject: AttestedSubject;
  claim: string;
  decision: 'verified' | 'rejected' | 'needs-info';
  coveredFields: string[];
  now: Date;
  /** Server secret the party's private key is encrypted under. */
  secret: Buffer;
  /**
   * Two-person rule: the approval that releases this signature and the second verifier who gave
   * it. The statement stays the first verifier's (`actor`, its signer); the audit entry is the
   * approver's act, naming both.
   */
  approval?: { id: string; approver: Actor };
}

/**
 * Signs an attestation with the party's key over exactly the covered fields of the subject's
 * content (salted), enters it in the log and stores it with its salt, all in the caller's
 * transaction. The caller publishes a checkpoint after the commit.
 */
export async function signAttestation(trx: Executor, r: SignRequest): Promise<{ attestationId: string; logIndex: number }> {
  const { actor, key, subject, now } = r;
  const salt = newSalt();
  const subjectRef = subjectRefOf(subject.type, subject.id, subject.version);
  const { envelope, subjectDigest } = createAttestation(
    {
      subjectRef,
      covered: subject.covered(r.coveredFields, actor.partyId),
      salt,
      claim: r.claim,
      coveredFields: r.coveredFields,
      party: actor.partyId,
      signer: { userId: actor.userId },
      time: now,
      decision: r.decision,
      policy: r.claim,
    },
    { keyId: key.key_id, privateKey: privateKeyOf(key, r.secret) },
  );
  const envelopeSha256 = envelopeDigest(envelope);
  const logIndex = await appendLogEntry(
    trx,
    newEntry(
      {
        kind: 'attestation',
        party: actor.partyId,
        envelopeSha256,
        subjectDigest,
        subjectRef,
        claim: r.claim,
        keyId: key.key_id,
      },
      now,
    ),
  );
  const attestationId = await insertAttestation(
    trx,
    {
      subjectType: subject.type,
      subjectId: subject.id,
      subjectVersion: subject.version,
      subjectRef,
      claim: r.claim,
      decision: r.decision,
      coveredFields: r.coveredFields,
      subjectCommitment: subjectDigest,
      envelope,
      envelopeSha256,
      partyId: actor.partyId,
      signerUserId: actor.userId,
      keyId: key.key_id,
      signedAt: now,
      logIndex,
    },
    salt,
  );
  await recordAudit(trx, r.approval?.approver ?? actor, {
    action: 'attestation.create',
    recordType: subject.type,
    recordId: subject.id,
    fields: r.coveredFields,
    details: {
      attestationId,
      claim: r.claim,
      logIndex,
      ...(r.approval ? { approvalId: r.approval.id, attestedBy: actor.userId, approvedBy: r.approval.approver.userId } : {}),
    },
  });
  return { attestationId, logIndex };
}
