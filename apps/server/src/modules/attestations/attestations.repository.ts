import type { Executor } from '../audit/audit.repository.ts';
import type { ClaimPolicy } from './verification-policy.ts';

export interface NewAttestation {
  subjectType: 'dossier';
  subjectId: string;
  subjectVersion: number;
  subjectRef: string;
  claim: string;
  decision: string;
  coveredFields: string[];
  subjectCommitment: string;
  envelope: unknown;
  envelopeSha256: string;
  partyId: string;
  signerUserId: string | null;
  keyId: string;
  signedAt: Date;
  logIndex: number;
}

export async function insertAttestation(db: Executor, a: NewAttestation, salt: Uint8Array): Promise<string> {
  const row = await db
    .insertInto('attestation')
    .values({
      subject_type: a.subjectType,
      subject_id: a.subjectId,
      subject_version: a.subjectVersion,
      subject_ref: a.subjectRef,
      claim: a.claim,
      decision: a.decision,
      covered_fields: a.coveredFields,
      subject_commitment: a.subjectCommitment,
      envelope: JSON.stringify(a.envelope),
      envelope_sha256: a.envelopeSha256,
      party_id: a.partyId,
      signer_user_id: a.signerUserId,
      key_id: a.keyId,
      signed_at: a.signedAt,
      log_index: a.logIndex,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('attestation_salt')
    .values({ attestation_id: row.id, salt: Buffer.from(salt) })
    .execute();
  return row.id;
}

const withSalt = (db: Executor) =>
  db
    .selectFrom('attestation as a')
    .leftJoin('attestation_salt as s', 's.attestation_id', 'a.id')
    .selectAll('a')
    .select('s.salt');

export type AttestationRow = Awaited<ReturnType<typeof findAttestation>> & object;

export async function findAttestation(db: Executor, id: string) {
  return withSalt(db).where('a.id', '=', id).executeTakeFirst();
}

export async function findAttestationsOfSubjects(
  db: Executor,
  subjectType: 'dossier',
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  return withSalt(db)
    .where('a.subject_type', '=', subjectType)
    .where('a.subject_id', 'in', ids)
    .orderBy('a.log_index')
    .execute();
}

export async function findAllAttestations(db: Executor) {
  return withSalt(db).orderBy('a.log_index').execute();
}

export async function findPolicies(db: Executor): Promise<ClaimPolicy[]> {
  const rows = await db.selectFrom('verification_policy').selectAll().orderBy('claim').execute();
  return rows.map((r) => ({
    claim: r.claim,
    subjectType: r.subject_type,
    coveredFields: r.covered_fields,
    requirements: r.requirements as ClaimPolicy['requirements'],
  }));
}
