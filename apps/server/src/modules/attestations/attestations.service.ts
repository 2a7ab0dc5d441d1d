import type { AttestationInput } from '@homeward/contracts';
import { createAttestation, envelopeDigest, newSalt } from '@homeward/translog';
import type { DossierRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findDossier } from '../dossiers/dossiers.repository.ts';
import { listParties } from '../parties/parties.repository.ts';
import { ensurePartyKey, listAllPartyKeys } from '../transparency/keys.service.ts';
import { findKey } from '../transparency/keys.repository.ts';
import {
  appendLogEntry,
  newEntry,
  publishCheckpoint,
  privateKeyOf,
  type LogDeps,
} from '../transparency/log.service.ts';
import { inclusionProofFor } from '../transparency/log-proofs.service.ts';
import { checkAttestation, presentAttestation, type Check } from './attestation-check.ts';
import {
  findAttestation,
  findAttestationsOfSubjects,
  findPolicies,
  insertAttestation,
  type AttestationRow,
} from './attestations.repository.ts';
import { coveredContent, subjectRefOf } from './covered-content.ts';
import { canFill, evaluatePolicy } from './verification-policy.ts';

/**
 * Signs an attestation with the actor's party key over exactly the covered fields of the
 * subject's current content (salted), logs it in the same transaction, then re-signs the checkpoint.
 */
export async function attest(deps: LogDeps, actor: Actor, input: AttestationInput) {
  const partyId = actor.partyId;
  if (!partyId || !actor.userId) throw new AppError('FORBIDDEN', 'Only an official of a party can attest.');
  const policy = (await findPolicies(deps.db)).find(
    (p) => p.claim === input.claim && p.subjectType === input.subjectType,
  );
  if (!policy) throw new AppError('CLAIM_UNKNOWN', 'No verification policy defines this claim.');
  const id = await deps.db.transaction().execute(async (trx) => {
    const subject = await findDossier(trx, input.subjectId);
    if (!subject) throw notFound();
    const now = deps.clock.now();
    if (input.keyId) {
      const asked = await findKey(trx, input.keyId);
      if (!asked || asked.party_id !== partyId) throw notFound('KEY_NOT_FOUND');
    }
    const key = await ensurePartyKey(trx, deps, partyId, now);
    if (input.keyId && input.keyId !== key.key_id) {
      throw new AppError(
        'KEY_NOT_VALID',
        'This key is not the party’s current signing key (rotated, revoked or expired).',
      );
    }
    const salt = newSalt();
    const subjectRef = subjectRefOf('dossier', subject.id, subject.version);
    const { envelope, subjectDigest } = createAttestation(
      {
        subjectRef,
        covered: coveredContent(subject, policy.coveredFields),
        salt,
        claim: input.claim,
        coveredFields: policy.coveredFields,
        party: partyId,
        signer: { userId: actor.userId! },
        time: now,
        decision: input.decision,
        policy: input.claim,
      },
      { keyId: key.key_id, privateKey: privateKeyOf(key, deps.secret) },
    );
    const envelopeSha256 = envelopeDigest(envelope);
    const logIndex = await appendLogEntry(
      trx,
      newEntry(
        {
          kind: 'attestation',
          party: partyId,
          envelopeSha256,
          subjectDigest,
          subjectRef,
          claim: input.claim,
          keyId: key.key_id,
        },
        now,
      ),
    );
    const attestationId = await insertAttestation(
      trx,
      {
        subjectType: 'dossier',
        subjectId: subject.id,
        subjectVersion: subject.version,
        subjectRef,
        claim: input.claim,
        decision: input.decision,
        coveredFields: policy.coveredFields,
        subjectCommitment: subjectDigest,
        envelope,
        envelopeSha256,
        partyId,
        signerUserId: actor.userId,
        keyId: key.key_id,
        signedAt: now,
        logIndex,
      },
      salt,
    );
    await recordAudit(trx, actor, {
      action: 'attestation.create',
      recordType: 'dossier',
      recordId: subject.id,
      fields: policy.coveredFields,
      details: { attestationId, claim: input.claim, logIndex },
    });
    return attestationId;
  });
  await publishCheckpoint(deps);
  return getAttestation(deps, id);
}

async function checked(db: Executor, rows: AttestationRow[], subjects: Map<string, DossierRow>) {
  const keys = await listAllPartyKeys(db);
  return rows.map((r) => ({ row: r, check: checkAttestation(r, keys, subjects.get(r.subject_id)) }));
}

async function dossiersById(db: Executor, ids: readonly string[]) {
  const out = new Map<string, DossierRow>();
  for (const id of new Set(ids)) {
    const d = await findDossier(db, id);
    if (d) out.set(id, d);
  }
  return out;
}

export async function getAttestation(deps: LogDeps, id: string) {
  const row = await findAttestation(deps.db, id);
  if (!row) throw notFound();
  const [c] = await checked(deps.db, [row], await dossiersById(deps.db, [row.subject_id]));
  return presentAttestation(row, c!.check);
}

/** One attestation, checked, with its inclusion proof in the latest signed checkpoint. */
export async function verifyOneAttestation(deps: LogDeps, id: string) {
  const attestation = await getAttestation(deps, id);
  const inclusion = await inclusionProofFor(deps, attestation.logIndex);
  return { attestation, inclusion };
}

export async function listAttestations(deps: LogDeps, subjectType: 'dossier', subjectId: string) {
  const subjects = await dossiersById(deps.db, [subjectId]);
  if (!subjects.size) throw notFound();
  const rows = await findAttestationsOfSubjects(deps.db, subjectType, [subjectId]);
  return { items: (await checked(deps.db, rows, subjects)).map((c) => presentAttestation(c.row, c.check)) };
}

type Checked = { row: AttestationRow; check: Check };

/** Each party's latest non-invalid attestation per claim: a later decision replaces an earlier one. */
function currentByParty(list: Checked[], claim: string): Checked[] {
  const latest = new Map<string, Checked>();
  for (const c of list)
    if (c.row.claim === claim && c.check.status !== 'invalid') latest.set(c.row.party_id, c);
  return [...latest.values()];
}

async function statusesOf(deps: LogDeps, subjects: Map<string, DossierRow>) {
  const [policies, parties] = await Promise.all([findPolicies(deps.db), listParties(deps.db)]);
  const kindOf = new Map(parties.map((p) => [p.id, p.kind]));
  const rows = await findAttestationsOfSubjects(deps.db, 'dossier', [...subjects.keys()]);
  const all = await checked(deps.db, rows, subjects);
  return [...subjects.values()].map((subject) => {
    const mine = all.filter((c) => c.row.subject_id === subject.id);
    const claims = policies
      .filter((p) => p.subjectType === 'dossier')
      .map((policy) => {
        const current = currentByParty(mine, policy.claim);
        const attesters = current
          .filter((c) => c.check.status === 'valid' && c.row.decision === 'verified')
          .map((c) => ({ partyId: c.row.party_id, partyKind: kindOf.get(c.row.party_id) ?? 'unknown' }));
        const result = evaluatePolicy(policy, subject.party_id, attesters);
        return {
          claim: policy.claim,
          policy,
          current,
          ...result,
          attestations: mine
            .filter((c) => c.row.claim === policy.claim)
            .map((c) => ({
              id: c.row.id,
              partyId: c.row.party_id,
              decision: c.row.decision,
              status: c.check.status,
            })),
        };
      });
    return { subject, claims };
  });
}

/** A subject's verification status, derived from its attestations and the policies; never set by hand. */
export async function getVerificationStatus(deps: LogDeps, subjectId: string) {
  const subjects = await dossiersById(deps.db, [subjectId]);
  if (!subjects.size) throw notFound();
  const [s] = await statusesOf(deps, subjects);
  const claims = s!.claims.map(({ claim, status, requirements, attestations }) => ({
    claim,
    status,
    requirements,
    attestations,
  }));
  return {
    subjectType: 'dossier' as const,
    subjectId,
    verified: claims.every((c) => c.status === 'verified'),
    claims,
  };
}

/** What awaits this party: claims on other parties' dossiers it could attest and has not, or whose attestation went stale. */
export async function verificationQueue(deps: LogDeps, actor: Actor, limit: number) {
  const partyId = actor.partyId;
  if (!partyId) return { items: [] };
  const parties = await listParties(deps.db);
  const me = { partyId, partyKind: parties.find((p) => p.id === partyId)?.kind ?? 'unknown' };
  const candidates = await deps.db
    .selectFrom('dossier')
    .selectAll()
    .where('party_id', '<>', partyId)
    .where('status', '=', 'open')
    .orderBy('updated_at', 'desc')
    .limit(limit * 4)
    .execute();
  const statuses = await statusesOf(deps, new Map(candidates.map((d) => [d.id, d])));
  const items = statuses.flatMap(({ subject, claims }) =>
    claims.flatMap((c) => {
      if (c.status === 'verified') return [];
      const own = c.current.find((x) => x.row.party_id === partyId);
      if (own?.check.status === 'valid') return [];
      const open = c.policy.requirements.find(
        (r, k) => c.requirements[k]!.satisfiedBy === null && canFill(r, me, subject.party_id),
      );
      if (!open) return [];
      return [
        {
          subjectType: 'dossier' as const,
          subjectId: subject.id,
          claim: c.claim,
          reason: own ? ('stale' as const) : ('not-attested' as const),
          requirement: open.label,
        },
      ];
    }),
  );
  return { items: items.slice(0, limit) };
}

/**
 * The erasure hook: destroys the salts of a subject's attestations in the caller's transaction
 * and logs an `erasure` entry naming their commitments. The signed attestations and the log
 * still verify (as "subject erased"), but nothing links them to any content any more.
 * Call `publishCheckpoint` after the commit.
 */
export async function eraseAttestedSubject(
  trx: Executor,
  actor: Actor,
  subject: { subjectType: 'dossier'; subjectId: string },
  now: Date,
): Promise<number> {
  const rows = await findAttestationsOfSubjects(trx, subject.subjectType, [subject.subjectId]);
  if (rows.length === 0) return 0;
  await trx
    .deleteFrom('attestation_salt')
    .where(
      'attestation_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const subjectRef = `${subject.subjectType}/${subject.subjectId}`;
  const subjectDigests = rows.map((r) => r.subject_commitment);
  await appendLogEntry(
    trx,
    newEntry(
      { kind: 'erasure', party: actor.partyId ?? 'homeward-operator', subjectRef, subjectDigests },
      now,
    ),
  );
  await recordAudit(trx, actor, {
    action: 'attestation.erase-salts',
    recordType: subject.subjectType,
    recordId: subject.subjectId,
    details: { attestations: rows.length },
  });
  return rows.length;
}
