import { AppError, notFound, validationFailed } from '../../errors.ts';
import type { Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findKey, findSigningKey } from '../transparency/keys.repository.ts';
import { loadSubjects, type AttestedSubject } from './attestation-subjects.ts';
import { findPolicies } from './attestations.repository.ts';
import { isCoverable, type SubjectType } from './covered-content.ts';
import type { ClaimPolicy } from './verification-policy.ts';

// The checks an attestation passes before anything is signed, shared by signing at once and by
// asking a second verifier first (two-person rule), so that nobody is asked to approve what
// could not be signed.

/** The policy's fields first, then any others asked for, in the order the subject type lists them. */
export function fieldsToCover(
  policy: ClaimPolicy,
  type: SubjectType,
  asked: readonly string[] = [],
): string[] {
  const unknown = asked.filter((f) => !isCoverable(type, f));
  if (unknown.length) {
    throw validationFailed(
      unknown.map((f) => ({ path: 'coveredFields', message: `a ${type} has no field ${f} to cover` })),
    );
  }
  return [...policy.coveredFields, ...new Set(asked.filter((f) => !policy.coveredFields.includes(f)))];
}

/** The claim's policy for this subject type, or 400 CLAIM_UNKNOWN. */
export async function claimPolicy(
  db: Executor,
  claim: string,
  subjectType: SubjectType,
): Promise<ClaimPolicy> {
  const policy = (await findPolicies(db)).find((p) => p.claim === claim && p.subjectType === subjectType);
  if (!policy) throw new AppError('CLAIM_UNKNOWN', 'No verification policy defines this claim.');
  return policy;
}

/** Locks the subject's row until the transaction ends, so that it cannot change while it is signed. */
export async function lockAttestedSubject(trx: Executor, type: SubjectType, id: string): Promise<void> {
  if (type === 'case')
    await trx.selectFrom('tracing_case').select('id').where('id', '=', id).forUpdate().execute();
  else await trx.selectFrom('dossier').select('id').where('id', '=', id).forUpdate().execute();
}

/** The subject, if the actor may see it and (for `verified`) their side has something to attest. */
export async function attestableSubject(
  trx: Executor,
  actor: Actor & { partyId: string },
  input: { subjectType: SubjectType; subjectId: string; decision: string },
  coveredFields: readonly string[],
): Promise<AttestedSubject> {
  const subject = (await loadSubjects(trx, input.subjectType, [input.subjectId])).get(input.subjectId);
  if (!subject || !subject.canSee(actor)) throw notFound();
  if (input.decision === 'verified' && !subject.isReady(coveredFields, actor.partyId)) {
    throw new AppError(
      'ATTESTATION_SUBJECT_NOT_READY',
      'There is nothing to attest yet: your side has not recorded its handover.',
    );
  }
  return subject;
}

/** A key the caller named must be their party's (404 otherwise) and its current signing key (409 KEY_NOT_VALID). */
export async function assertKeyAsked(
  trx: Executor,
  partyId: string,
  keyId: string | undefined,
  now: Date,
): Promise<void> {
  if (!keyId) return;
  const asked = await findKey(trx, keyId);
  if (!asked || asked.party_id !== partyId) throw notFound('KEY_NOT_FOUND');
  const current = await findSigningKey(trx, partyId, 'attestation', now);
  if (current?.key_id !== keyId) throw keyNotValid();
}

export const keyNotValid = () =>
  new AppError(
    'KEY_NOT_VALID',
    'This key is not the party’s current signing key (rotated, revoked or expired).',
  );
