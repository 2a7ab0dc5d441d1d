import type { AttestationInput } from '@homeward/contracts';
import { AppError, notFound } from '../../errors.ts';
import { policyOf } from '../approvals/approvals.service.ts';
import type { PendingApprovalRow } from '../approvals/approvals.tables.ts';
import { needsSecond, type TwoPersonPolicy } from '../approvals/two-person.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { listParties } from '../parties/parties.repository.ts';
import {
  ensurePartyKey,
  keyOutsideRegistration,
  keyRegistryFromLog,
  listAllPartyKeys,
} from '../transparency/keys.service.ts';
import { appendLogEntry, newEntry, publishCheckpoint, type LogDeps } from '../transparency/log.service.ts';
import { inclusionProofFor } from '../transparency/log-proofs.service.ts';
import { newestTrustedCheckpoint, witnessStatus } from '../transparency/witness.service.ts';
import { checkAttestation, presentAttestation, type Check } from './attestation-check.ts';
import { assertKeyAsked, attestableSubject, claimPolicy, fieldsToCover } from './attestation-prepare.ts';
import { signAttestation } from './attestation-sign.ts';
import { askSecondVerifier } from './attestations.approvals.ts';
import { loadSubjects, loadSubjectsOf, subjectKey, type AttestedSubject } from './attestation-subjects.ts';
import {
  findAttestation,
  findAttestationsOfSubjects,
  findPolicies,
  type AttestationRow,
} from './attestations.repository.ts';
import type { SubjectType } from './covered-content.ts';
import { canFill, evaluatePolicy, type ClaimPolicy } from './verification-policy.ts';

export type AttestResult = { attestation: Awaited<ReturnType<typeof getAttestation>>; approval: null } | { attestation: null; approval: PendingApprovalRow };

/**
 * Signs an attestation with the actor's party key over exactly the covered fields of the
 * subject's current content (salted), logs it in the same transaction, then re-signs the checkpoint.
 *
 * Two-person rule (`attestation.verify`, unless HOMEWARD_TWO_PERSON=off): an official's call signs
 * nothing; after the same checks it asks a second verifier of the same party to approve exactly
 * this statement (`approval`), which is signed when they do (attestations.approvals.ts).
 */
export async function attest(deps: LogDeps & { twoPerson?: TwoPersonPolicy }, actor: Actor, input: AttestationInput): Promise<AttestResult> {
  const partyId = actor.partyId;
  const userId = actor.userId;
  if (!partyId || !userId) throw new AppError('FORBIDDEN', 'Only an official of a party can attest.');
  const signer = { ...actor, partyId, userId };
  const coveredFields = fieldsToCover(await claimPolicy(deps.db, input.claim, input.subjectType), input.subjectType, input.coveredFields);
  const policy = policyOf(deps);
  if (actor.kind !== 'system' && needsSecond(policy, 'attestation.verify')) {
    const approval = await deps.db.transaction().execute((trx) => askSecondVerifier(trx, deps, signer, policy, input, coveredFields, deps.clock.now()));
    return { attestation: null, approval };
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const subject = await attestableSubject(trx, signer, input, coveredFields);
    const now = deps.clock.now();
    await assertKeyAsked(trx, partyId, input.keyId, now);
    const key = await ensurePartyKey(trx, deps, partyId, now);
    const signed = await signAttestation(trx, { actor: signer, key, subject, claim: input.claim, decision: input.decision, coveredFields, now, secret: deps.secret });
    return signed.attestationId;
  });
  await publishCheckpoint(deps);
  return { attestation: await getAttestation(deps, id), approval: null };
}

/**
 * Checks each attestation as any party would, and against the key registry in the log: a key
 * must have been registered in the log before the attestation's entry and not revoked before
 * it ("key used outside its registered validity"), whatever the key table now says.
 */
async function checked(db: Executor, rows: AttestationRow[], subjects: Map<string, AttestedSubject>) {
  const [keys, registry] = await Promise.all([listAllPartyKeys(db), keyRegistryFromLog(db)]);
  return rows.map((r) => {
    const check = checkAttestation(r, keys, subjects.get(subjectKey(r.subject_type, r.subject_id)));
    const outside = check.status === 'invalid' ? null : keyOutsideRegistration(registry, r.key_id, Number(r.log_index));
    return { row: r, check: outside ? { status: 'invalid' as const, ...outside } : check };
  });
}

/** One attestation, checked; a case's attestations are seen only by the case's parties. */
export async function getAttestation(deps: LogDeps, id: string, actor?: Actor) {
  const row = await findAttestation(deps.db, id);
  if (!row) throw notFound();
  const subjects = await loadSubjectsOf(deps.db, [row]);
  const subject = subjects.get(subjectKey(row.subject_type, row.subject_id));
  if (actor && row.subject_type !== 'dossier' && subject && !subject.canSee(actor)) throw notFound();
  const [c] = await checked(deps.db, [row], subjects);
  return presentAttestation(row, c!.check);
}

/** One attestation, checked, with its inclusion proof in the latest signed checkpoint. */
export async function verifyOneAttestation(deps: LogDeps, id: string, actor?: Actor) {
  const attestation = await getAttestation(deps, id, actor);
  const inclusion = await inclusionProofFor(deps, attestation.logIndex);
  return { attestation, inclusion };
}

async function visibleSubject(deps: LogDeps, actor: Actor | undefined, type: SubjectType, id: string) {
  const subject = (await loadSubjects(deps.db, type, [id])).get(id);
  if (!subject || (actor && !subject.canSee(actor))) throw notFound();
  return subject;
}

export async function listAttestations(deps: LogDeps, subjectType: SubjectType, subjectId: string, actor?: Actor) {
  const subject = await visibleSubject(deps, actor, subjectType, subjectId);
  const rows = await findAttestationsOfSubjects(deps.db, subjectType, [subjectId]);
  const subjects = new Map([[subjectKey(subjectType, subjectId), subject]]);
  return { items: (await checked(deps.db, rows, subjects)).map((c) => presentAttestation(c.row, c.check)) };
}

type Checked = { row: AttestationRow; check: Check };

/** Whether an attestation covers every field its claim's policy names now. */
const coversPolicy = (row: AttestationRow, policy: ClaimPolicy) =>
  policy.coveredFields.every((f) => row.covered_fields.includes(f));

/** Each party's latest non-invalid attestation per claim: a later decision replaces an earlier one. */
function currentByParty(list: Checked[], claim: string): Checked[] {
  const latest = new Map<string, Checked>();
  for (const c of list)
    if (c.row.claim === claim && c.check.status !== 'invalid') latest.set(c.row.party_id, c);
  return [...latest.values()];
}

/** Claim statuses of subjects of one type, from their attestations and the policies as they are now. */
async function statusesOf(deps: LogDeps, type: SubjectType, subjects: Map<string, AttestedSubject>) {
  const [policies, parties] = await Promise.all([findPolicies(deps.db), listParties(deps.db)]);
  const kindOf = new Map(parties.map((p) => [p.id, p.kind]));
  const rows = await findAttestationsOfSubjects(deps.db, type, [...subjects.keys()]);
  const keyed = new Map([...subjects.values()].map((s) => [subjectKey(type, s.id), s]));
  const all = await checked(deps.db, rows, keyed);
  return [...subjects.values()].map((subject) => {
    const mine = all.filter((c) => c.row.subject_id === subject.id);
    const claims = policies
      .filter((p) => p.subjectType === type)
      .map((policy) => {
        const current = currentByParty(mine, policy.claim);
        const attesters = current
          .filter((c) => c.check.status === 'valid' && c.row.decision === 'verified' && coversPolicy(c.row, policy))
          .map((c) => ({ partyId: c.row.party_id, partyKind: kindOf.get(c.row.party_id) ?? 'unknown' }));
        const result = evaluatePolicy(policy, subject.parties, attesters);
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
              coversPolicy: coversPolicy(c.row, policy),
            })),
        };
      });
    return { subject, claims };
  });
}

/**
 * What the log's witnesses have confirmed: the newest checkpoint trusted now (cosigned by the
 * quorum within the freshness window) and the latest checkpoint's witness status.
 */
async function witnessing(deps: LogDeps) {
  const [trusted, latest] = await Promise.all([
    newestTrustedCheckpoint(deps),
    deps.db.selectFrom('log_checkpoint').select('size').orderBy('size', 'desc').limit(1).executeTakeFirst(),
  ]);
  const latestStatus = latest ? await witnessStatus(deps, Number(latest.size)) : null;
  return {
    /** The latest checkpoint's witness status ('no-witnesses' when none is registered). */
    witnessStatus: latestStatus?.status ?? ('no-witnesses' as const),
    /** Entries below this size are under a trusted checkpoint; null: none is trusted now. */
    trustedSize: trusted?.size ?? null,
    message: latestStatus?.message ?? 'the log has no checkpoint yet',
  };
}

/**
 * A subject's verification status, derived from its attestations and the policies; never set by
 * hand. `verified` says the signed statements meet the policies (the server checked every
 * signature and key itself). `witnessed` says, in addition, that each statement counted is
 * covered by the newest checkpoint the witnesses' quorum cosigned within the freshness window.
 * `display` is what to show: 'verified' (both), 'verified-awaiting-witnesses' (signed and
 * logged, not yet under a trusted checkpoint; also while no witness is registered, or the
 * cosignatures went stale), or 'unverified'.
 */
export async function getVerificationStatus(
  deps: LogDeps,
  subjectId: string,
  subjectType: SubjectType = 'dossier',
  actor?: Actor,
) {
  const subject = await visibleSubject(deps, actor, subjectType, subjectId);
  const [[s], log] = await Promise.all([
    statusesOf(deps, subjectType, new Map([[subjectId, subject]])),
    witnessing(deps),
  ]);
  const logIndexOf = new Map(s!.claims.flatMap((c) => c.current.map((x) => [x.row.id, Number(x.row.log_index)] as const)));
  const underTrusted = (id: string) => log.trustedSize !== null && (logIndexOf.get(id) ?? Infinity) < log.trustedSize;
  const claims = s!.claims.map(({ claim, status, requirements, attestations, current }) => {
    const counted = current.filter((c) => requirements.some((r) => r.satisfiedBy === c.row.party_id));
    const witnessed = status === 'verified' && counted.every((c) => underTrusted(c.row.id));
    return {
      claim,
      status,
      witnessed,
      display: status !== 'verified' ? ('unverified' as const) : witnessed ? ('verified' as const) : ('verified-awaiting-witnesses' as const),
      requirements,
      attestations: attestations.map((a) => ({ ...a, witnessed: underTrusted(a.id) })),
    };
  });
  const verified = claims.every((c) => c.status === 'verified');
  const witnessed = verified && claims.every((c) => c.witnessed);
  return {
    subjectType,
    subjectId,
    verified,
    witnessed,
    display: !verified ? ('unverified' as const) : witnessed ? ('verified' as const) : ('verified-awaiting-witnesses' as const),
    log,
    claims,
  };
}

async function queueCandidates(deps: LogDeps, partyId: string, limit: number) {
  const dossiers = await deps.db
    .selectFrom('dossier')
    .select('id')
    .where('party_id', '<>', partyId)
    .where('status', '=', 'open')
    .orderBy('updated_at', 'desc')
    .limit(limit * 4)
    .execute();
  const cases = await deps.db
    .selectFrom('tracing_case')
    .select('id')
    .where((eb) => eb.or([eb('holding_party_id', '=', partyId), eb('family_party_id', '=', partyId)]))
    .where('closed_at', 'is', null)
    .orderBy('updated_at', 'desc')
    .limit(limit * 4)
    .execute();
  return {
    dossier: await loadSubjects(deps.db, 'dossier', dossiers.map((d) => d.id)),
    case: await loadSubjects(deps.db, 'case', cases.map((c) => c.id)),
  };
}

/**
 * What awaits this party: claims on other parties' dossiers and on its own cases that it could
 * attest and has not, whose attestation went stale, or whose policy now covers more than it signed.
 */
export async function verificationQueue(deps: LogDeps, actor: Actor, limit: number) {
  const partyId = actor.partyId;
  if (!partyId) return { items: [] };
  const parties = await listParties(deps.db);
  const me = { partyId, partyKind: parties.find((p) => p.id === partyId)?.kind ?? 'unknown' };
  const candidates = await queueCandidates(deps, partyId, limit);
  const items = [];
  for (const type of ['dossier', 'case'] as const) {
    for (const { subject, claims } of await statusesOf(deps, type, candidates[type])) {
      for (const c of claims) {
        if (c.status === 'verified') continue;
        const own = c.current.find((x) => x.row.party_id === partyId);
        const ownCovers = own ? coversPolicy(own.row, c.policy) : false;
        if (own?.check.status === 'valid' && ownCovers) continue;
        if (!subject.isReady(c.policy.coveredFields, partyId)) continue;
        const open = c.policy.requirements.find(
          (r, k) => c.requirements[k]!.satisfiedBy === null && canFill(r, me, subject.parties),
        );
        if (!open) continue;
        const reason = !own
          ? ('not-attested' as const)
          : own.check.status === 'valid'
            ? ('policy-changed' as const)
            : ('stale' as const);
        items.push({ subjectType: type, subjectId: subject.id, claim: c.claim, reason, requirement: open.label });
      }
    }
  }
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
  subject: { subjectType: SubjectType; subjectId: string },
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
