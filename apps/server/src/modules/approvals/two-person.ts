import type { Role } from '@homeward/contracts';
import { hasPermission, type Permission } from '../auth/permissions.ts';

/**
 * The two-person rule (issue 13) as data: for each high-impact act, whether a second person must
 * approve it and who may be that second person. Pure: no database, no server imports beyond the
 * permission table. The defaults are documented in docs/SECURITY.md ("Two-person rule").
 */

/** The acts the rule knows. */
export const approvalActs = [
  'match.confirm-case',
  'match.confirm-merge',
  'consent.override',
  'two-factor.reset',
  'attestation.verify',
  'user.grant-role',
  'record.erase',
] as const;
export type ApprovalAct = (typeof approvalActs)[number];

/** Acts whose service asks for a second person (an act added to the policy is policy only until it is listed here). */
export const wired: ReadonlySet<ApprovalAct> = new Set(['match.confirm-case', 'match.confirm-merge', 'consent.override', 'two-factor.reset', 'attestation.verify', 'user.grant-role', 'record.erase']);

/**
 * Where the second person comes from:
 * - `same-party`: another user of the first person's party;
 * - `other-party`: a user of the other party in the decision (for a request↔dossier match, the
 *   party holding the dossier when the request's party confirmed first). When the decision has
 *   no other party (both sides belong to one party) this falls back to `same-party`;
 * - `any-party`: another user of any party.
 * In every case the second person must hold `permission`, and can never be the first person.
 */
export type SecondFrom = 'same-party' | 'other-party' | 'any-party';

export interface ActRule {
  required: boolean;
  secondFrom: SecondFrom;
  permission: Permission;
}

export interface TwoPersonPolicy {
  /** Off: every act takes effect on the first person's word, as before the rule (HOMEWARD_TWO_PERSON=off). */
  enabled: boolean;
  /** Days a pending approval waits for its second person before it expires. */
  expiresAfterDays: number;
  acts: Record<ApprovalAct, ActRule>;
}

/** The safe defaults. A deployment may change a rule (`twoPersonPolicy({ acts: … })`), never loosen "not the same user". */
export const defaultTwoPersonPolicy: TwoPersonPolicy = {
  enabled: true,
  expiresAfterDays: 14,
  acts: {
    'match.confirm-case': { required: true, secondFrom: 'other-party', permission: 'match.review' },
    'match.confirm-merge': { required: true, secondFrom: 'same-party', permission: 'match.review' },
    'consent.override': { required: true, secondFrom: 'same-party', permission: 'consent.override' },
    'two-factor.reset': { required: true, secondFrom: 'same-party', permission: 'user.admin' },
    // An attestation is one party's statement signed with its key: the second person is another
    // verifier of that party, never another party's (docs/SECURITY.md, "Two-person rule").
    'attestation.verify': { required: true, secondFrom: 'same-party', permission: 'attestation.sign' },
    'user.grant-role': { required: true, secondFrom: 'same-party', permission: 'user.admin' },
    'record.erase': { required: true, secondFrom: 'same-party', permission: 'record.erase' },
  },
};

/** The defaults with a deployment's changes laid over them. */
export function twoPersonPolicy(over: { enabled?: boolean; expiresAfterDays?: number; acts?: Partial<Record<ApprovalAct, Partial<ActRule>>> } = {}): TwoPersonPolicy {
  const acts = { ...defaultTwoPersonPolicy.acts };
  for (const [act, rule] of Object.entries(over.acts ?? {}) as Array<[ApprovalAct, Partial<ActRule>]>) acts[act] = { ...acts[act], ...rule };
  return {
    enabled: over.enabled ?? defaultTwoPersonPolicy.enabled,
    expiresAfterDays: over.expiresAfterDays ?? defaultTwoPersonPolicy.expiresAfterDays,
    acts,
  };
}

/** Whether this act needs a second person under the policy. */
export function needsSecond(policy: TwoPersonPolicy, act: ApprovalAct): boolean {
  return policy.enabled && policy.acts[act].required;
}

/** The parties of one decision: the first person's, and the other side's when there is one. */
export interface DecisionParties {
  firstPartyId: string;
  otherPartyId: string | null;
}

/** Who may be the second person: one party (or any party: null) and a permission. */
export interface SecondEligibility {
  partyId: string | null;
  permission: Permission;
}

export function eligibleSecond(rule: ActRule, parties: DecisionParties): SecondEligibility {
  if (rule.secondFrom === 'any-party') return { partyId: null, permission: rule.permission };
  if (rule.secondFrom === 'other-party' && parties.otherPartyId && parties.otherPartyId !== parties.firstPartyId) {
    return { partyId: parties.otherPartyId, permission: rule.permission };
  }
  return { partyId: parties.firstPartyId, permission: rule.permission };
}

export interface Candidate {
  userId: string | null;
  partyId: string | null;
  roles: readonly Role[];
}

export type SecondCheck = { ok: true } | { ok: false; code: 'SAME_PERSON' | 'NOT_ELIGIBLE_SECOND' };

/** May this person be the second? Never the first person; then party and permission. */
export function checkSecond(eligibility: SecondEligibility, firstUserId: string, candidate: Candidate): SecondCheck {
  if (!candidate.userId || candidate.userId === firstUserId) return { ok: false, code: 'SAME_PERSON' };
  if (eligibility.partyId !== null && candidate.partyId !== eligibility.partyId) return { ok: false, code: 'NOT_ELIGIBLE_SECOND' };
  if (!hasPermission(candidate.roles, eligibility.permission)) return { ok: false, code: 'NOT_ELIGIBLE_SECOND' };
  return { ok: true };
}
