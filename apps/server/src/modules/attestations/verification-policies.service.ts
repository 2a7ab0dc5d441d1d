import { definedClaimName, type VerificationPolicyInput } from '@homeward/contracts';
import { canonicalJson, sha256Hex, utf8 } from '@homeward/translog';
import { AppError, validationFailed, type ErrorIssue } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { lockLogForAppend } from '../transparency/log.repository.ts';
import { appendLogEntry, newEntry, OPERATOR, publishCheckpoint, type LogDeps } from '../transparency/log.service.ts';
import { findPolicies, findPolicyForUpdate, upsertPolicy, type StoredPolicy } from './attestations.repository.ts';
import { isCoverable } from './covered-content.ts';
import type { ClaimPolicy } from './verification-policy.ts';

/** SHA-256 (hex) of a policy's RFC 8785 canonical JSON: what the log carries for each change. */
export function policySha256(p: ClaimPolicy): string {
  return sha256Hex(
    utf8(
      canonicalJson({
        claim: p.claim,
        subjectType: p.subjectType,
        coveredFields: p.coveredFields,
        requirements: p.requirements,
      }),
    ),
  );
}

function present(p: StoredPolicy) {
  return {
    claim: p.claim,
    subjectType: p.subjectType as VerificationPolicyInput['subjectType'],
    coveredFields: p.coveredFields,
    // Stored as validated by the contract (or seeded by the migrations in that shape).
    requirements: p.requirements as VerificationPolicyInput['requirements'],
    version: p.version,
    sha256: policySha256(p),
    logIndex: p.logIndex,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function listVerificationPolicies(deps: LogDeps) {
  return { items: (await findPolicies(deps.db)).map(present) };
}

/** Fields must exist on the subject type, once each; a case's side applies to case claims only. */
function checkPolicy(claim: string, input: VerificationPolicyInput) {
  const issues: ErrorIssue[] = [];
  if (!definedClaimName.test(claim))
    issues.push({ path: 'claim', message: 'must be 3 to 41 lowercase letters, digits or hyphens, starting with a letter' });
  input.coveredFields.forEach((f, i) => {
    if (!isCoverable(input.subjectType, f))
      issues.push({ path: `coveredFields.${i}`, message: `a ${input.subjectType} has no field ${f} to cover` });
    else if (input.coveredFields.indexOf(f) !== i) issues.push({ path: `coveredFields.${i}`, message: 'is repeated' });
  });
  input.requirements.forEach((r, i) => {
    if (r.side && input.subjectType !== 'case')
      issues.push({ path: `requirements.${i}.side`, message: 'only a case has sides' });
  });
  if (issues.length) throw validationFailed(issues);
}

/**
 * Defines a claim or changes its policy. Every change bumps the version, is audited and entered
 * in the transparency log (the policy's hash, nothing personal), so that every party can see when
 * the rules changed; statuses follow the new policy at once, as they are derived on each read.
 * Putting the same policy again changes nothing. A claim keeps its subject type: its
 * attestations are about subjects of that type.
 */
export async function putVerificationPolicy(deps: LogDeps, actor: Actor, claim: string, input: VerificationPolicyInput) {
  checkPolicy(claim, input);
  const next: ClaimPolicy = { claim, ...input };
  const sha256 = policySha256(next);
  const result = await deps.db.transaction().execute(async (trx) => {
    await lockLogForAppend(trx); // one change at a time, in log order
    const row = await findPolicyForUpdate(trx, claim);
    const before: ClaimPolicy | undefined = row && {
      claim,
      subjectType: row.subject_type,
      coveredFields: row.covered_fields,
      requirements: row.requirements as ClaimPolicy['requirements'],
    };
    if (before && before.subjectType !== input.subjectType) {
      throw new AppError('CLAIM_SUBJECT_TYPE_FIXED', 'A claim keeps the subject type it was defined for: define a new claim instead.', {
        details: { subjectType: before.subjectType },
      });
    }
    const previous = before ? policySha256(before) : null;
    if (previous === sha256) return { created: false, changed: false };
    const now = deps.clock.now();
    const version = (row?.version ?? 0) + 1;
    const logIndex = await appendLogEntry(
      trx,
      newEntry(
        {
          kind: 'status-transition',
          party: actor.partyId ?? OPERATOR,
          subjectRef: `verification-policy/${claim}`,
          from: row ? `v${row.version}` : 'none',
          to: `v${version}`,
          meta: { policySha256: sha256, previousSha256: previous },
        },
        now,
      ),
    );
    await upsertPolicy(trx, { ...next, version, logIndex, updatedAt: now });
    await recordAudit(trx, actor, {
      action: row ? 'verification-policy.change' : 'verification-policy.define',
      recordType: 'verification_policy',
      recordId: claim,
      fields: row ? changedParts(before!, next) : ['subjectType', 'coveredFields', 'requirements'],
      details: { version, policySha256: sha256, previousSha256: previous, logIndex },
    });
    return { created: !row, changed: true };
  });
  if (result.changed) await publishCheckpoint(deps);
  const stored = (await findPolicies(deps.db)).find((p) => p.claim === claim)!;
  return { created: result.created, policy: present(stored) };
}

function changedParts(a: ClaimPolicy, b: ClaimPolicy): string[] {
  return (['coveredFields', 'requirements'] as const).filter((k) => canonicalJson(a[k]) !== canonicalJson(b[k]));
}
