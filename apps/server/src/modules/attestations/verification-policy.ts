/** One slot of a claim's policy; each slot must be filled by a different party. */
export interface Requirement {
  label: string;
  /** The attesting party must not be the one that supplied the subject. */
  notSupplier?: boolean;
  /** The attesting party must be of one of these kinds (party.kind). */
  kinds?: string[];
  /** The attesting party must not be of these kinds. */
  notKinds?: string[];
  /** Case claims: the attesting party must be this side of the case. */
  side?: 'holding' | 'family';
}

/** Who stands where with respect to a subject: its supplier and, for a case, its two sides. */
export interface SubjectParties {
  supplierPartyId: string;
  sides?: { holding: string; family: string };
}

const partiesOf = (s: string | SubjectParties): SubjectParties =>
  typeof s === 'string' ? { supplierPartyId: s } : s;

export interface ClaimPolicy {
  claim: string;
  subjectType: string;
  coveredFields: string[];
  requirements: Requirement[];
}

export interface Attester {
  partyId: string;
  partyKind: string;
}

export function canFill(req: Requirement, a: Attester, subject: string | SubjectParties): boolean {
  const { supplierPartyId, sides } = partiesOf(subject);
  if (req.notSupplier && a.partyId === supplierPartyId) return false;
  if (req.side && sides?.[req.side] !== a.partyId) return false;
  if (req.kinds && !req.kinds.includes(a.partyKind)) return false;
  if (req.notKinds?.includes(a.partyKind)) return false;
  return true;
}

/**
 * Decides a claim's status from the parties whose current attestation is valid and positive:
 * 'verified' when every requirement is filled by a distinct party (a small bipartite matching,
 * by backtracking: policies have a handful of slots).
 * @example evaluatePolicy(policy, supplierId, [{ partyId: ua, partyKind: 'home-country-authority' }]).status
 */
export function evaluatePolicy(
  policy: ClaimPolicy,
  subject: string | SubjectParties,
  attesters: readonly Attester[],
) {
  const best: Array<string | null> = policy.requirements.map(() => null);
  let bestCount = -1;
  const chosen: Array<string | null> = [];
  const used = new Set<string>();
  const search = (i: number, count: number) => {
    if (count + (policy.requirements.length - i) <= bestCount) return;
    if (i === policy.requirements.length) {
      bestCount = count;
      chosen.forEach((c, k) => (best[k] = c));
      return;
    }
    const req = policy.requirements[i]!;
    for (const a of attesters) {
      if (used.has(a.partyId) || !canFill(req, a, subject)) continue;
      used.add(a.partyId);
      chosen[i] = a.partyId;
      search(i + 1, count + 1);
      used.delete(a.partyId);
    }
    chosen[i] = null;
    search(i + 1, count);
  };
  search(0, 0);
  return {
    status: bestCount === policy.requirements.length ? ('verified' as const) : ('unverified' as const),
    requirements: policy.requirements.map((r, k) => ({ label: r.label, satisfiedBy: best[k] ?? null })),
  };
}
