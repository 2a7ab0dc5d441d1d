import type { Executor } from '../audit/audit.repository.ts';
import type { SubjectType } from './covered-content.ts';
import type { ClaimPolicy } from './verification-policy.ts';

export interface NewAttestation {
  subjectType: SubjectType;
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
  subjectType: SubjectType,
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

export type StoredPolicy = ClaimPolicy & { version: number; logIndex: number | null; updatedAt: Date };

export async function findPolicies(db: Executor): Promise<StoredPolicy[]> {
  const rows = await db.selectFrom('verification_policy').selectAll().orderBy('claim').execute();
  return rows.map((r) => ({
    claim: r.claim,
    subjectType: r.subject_type,
    coveredFields: r.covered_fields,
    requirements: r.requirements as ClaimPolicy['requirements'],
    version: r.version,
    logIndex: r.log_index === null ? null : Number(r.log_index),
    updatedAt: r.updated_at,
  }));
}

/** Locks the policy table's row for a claim (or the gap where it will go) until the transaction ends. */
export async function findPolicyForUpdate(db: Executor, claim: string) {
  return db.selectFrom('verification_policy').selectAll().where('claim', '=', claim).forUpdate().executeTakeFirst();
}

export async function upsertPolicy(
  db: Executor,
  p: ClaimPolicy & { version: number; logIndex: number; updatedAt: Date },
): Promise<void> {
  const values = {
    subject_type: p.subjectType,
    covered_fields: p.coveredFields,
    requirements: JSON.stringify(p.requirements),
    version: p.version,
    log_index: p.logIndex,
    updated_at: p.updatedAt,
  };
  await db
    .insertInto('verification_policy')
    .values({ claim: p.claim, ...values })
    .onConflict((oc) => oc.column('claim').doUpdateSet(values))
    .execute();
}
