import {
  envelopeDigest,
  parseEnvelope,
  verifyAttestation,
  type PartyKey,
  type SubjectContent,
} from '@homeward/translog';
import type { AttestedSubject } from './attestation-subjects.ts';
import type { AttestationRow } from './attestations.repository.ts';
import { subjectRefOf } from './covered-content.ts';

export interface Check {
  status: 'valid' | 'stale' | 'subject-erased' | 'invalid';
  code: string;
  message: string;
}

const mismatch: Check = {
  status: 'invalid',
  code: 'ATTESTATION_ENTRY_MISMATCH',
  message: 'the stored attestation and its signed statement disagree',
};

/**
 * Checks a stored attestation as any party would: the envelope is the one logged, its signature
 * verifies under the party's key valid at the signing time, and the covered content still
 * hashes (with its salt) to the signed commitment. Changed content gives 'stale'.
 */
export function checkAttestation(
  row: AttestationRow,
  keys: readonly PartyKey[],
  subject: AttestedSubject | undefined,
): Check {
  let env;
  try {
    env = parseEnvelope(row.envelope);
  } catch {
    return {
      status: 'invalid',
      code: 'STATEMENT_MALFORMED',
      message: 'the stored envelope is not a DSSE envelope',
    };
  }
  if (envelopeDigest(env) !== row.envelope_sha256) {
    return {
      status: 'invalid',
      code: 'ATTESTATION_ENVELOPE_ALTERED',
      message: 'the stored envelope differs from the one logged',
    };
  }
  let content: SubjectContent = 'erased';
  if (row.salt && subject) {
    try {
      content = { salt: new Uint8Array(row.salt), covered: subject.covered(row.covered_fields, row.party_id) };
    } catch {
      return mismatch;
    }
  }
  const c = verifyAttestation(env, keys, content);
  if (c.status !== 'invalid' && c.statement) {
    const p = c.statement.predicate;
    if (
      p.party !== row.party_id ||
      p.claim !== row.claim ||
      JSON.stringify(p.coveredFields) !== JSON.stringify(row.covered_fields) ||
      c.statement.subject[0].digest.sha256 !== row.subject_commitment ||
      c.statement.subject[0].name !== row.subject_ref ||
      row.subject_ref !== subjectRefOf(row.subject_type, row.subject_id, row.subject_version)
    ) {
      return {
        status: 'invalid',
        code: 'ATTESTATION_ENTRY_MISMATCH',
        message: 'the stored attestation and its signed statement disagree',
      };
    }
  }
  return { status: c.status, code: c.code, message: c.message };
}

export function presentAttestation(row: AttestationRow, check: Check) {
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    subjectVersion: row.subject_version,
    subjectRef: row.subject_ref,
    claim: row.claim,
    decision: row.decision,
    coveredFields: row.covered_fields,
    subjectCommitment: row.subject_commitment,
    partyId: row.party_id,
    signerUserId: row.signer_user_id,
    keyId: row.key_id,
    signedAt: row.signed_at.toISOString(),
    logIndex: Number(row.log_index),
    envelope: row.envelope as {
      payloadType: string;
      payload: string;
      signatures: Array<{ keyid?: string; sig: string }>;
    },
    check,
  };
}
