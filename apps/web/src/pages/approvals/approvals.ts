/**
 * The two-person rule as the web application reads it (docs/SECURITY.md "Two-person rule"): which
 * pending approval belongs to a match proposal, who gave the first confirmation, what the
 * approval is about and where its subject is shown. Pure, so that it is tested without a browser.
 */
import type { Approval, MatchComparison } from '../../api/client.ts';
import { paths } from '../../route.ts';

/** The pending approval (among those the reader may give) that completes this proposal's confirmation. */
export function approvalForProposal(
  items: readonly Approval[] | undefined,
  proposalId: string,
): Approval | undefined {
  return items?.find(
    (a) => a.status === 'pending' && a.subjectType === 'match_proposal' && a.subjectId === proposalId,
  );
}

/** The first confirmation of a waiting proposal: the latest `awaiting-second` line of its history. */
export function firstConfirmation(
  match: Pick<MatchComparison, 'status' | 'history'>,
): { actorUserId: string | null; reason: string | null; at: string } | null {
  if (match.status !== 'awaiting-second') return null;
  for (let i = match.history.length - 1; i >= 0; i--) {
    const h = match.history[i]!;
    if (h.status === 'awaiting-second') return { actorUserId: h.actorUserId, reason: h.reason, at: h.at };
  }
  return null;
}

/**
 * What the reader of a waiting proposal sees: `approve` when they may give the second approval
 * (the server lists it for them), `mine` when they gave the first confirmation, else `waiting`.
 */
export type AwaitingView = 'approve' | 'mine' | 'waiting';
export function awaitingView(
  match: Pick<MatchComparison, 'id' | 'status' | 'history'>,
  approvals: readonly Approval[] | undefined,
  userId: string,
): AwaitingView | null {
  if (match.status !== 'awaiting-second') return null;
  if (approvalForProposal(approvals, match.id)) return 'approve';
  return firstConfirmation(match)?.actorUserId === userId ? 'mine' : 'waiting';
}

/**
 * The party the second reviewer must come from: for a request↔dossier match the party holding the
 * dossier, for a duplicate pair the dossiers' own party. Null when it cannot be told (no dossier shown).
 */
export function secondPartyOf(match: Pick<MatchComparison, 'kind' | 'left' | 'right'>): string | null {
  if (match.kind === 'dossier-dossier') return match.left.dossier?.partyId ?? match.right?.partyId ?? null;
  return match.right?.partyId ?? null;
}

export type MatchPayload = { proposalId: string; kind: string; leftId: string; rightId: string };

/** The match an approval confirms, from its payload (or, failing that, its related ids). */
export function matchPayload(
  a: Pick<Approval, 'subjectType' | 'subjectId' | 'payload' | 'relatedIds' | 'act'>,
): MatchPayload | null {
  if (a.subjectType !== 'match_proposal') return null;
  const p = (a.payload ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const leftId = str(p.leftId) ?? a.relatedIds[0] ?? null;
  const rightId = str(p.rightId) ?? a.relatedIds[1] ?? null;
  if (!leftId || !rightId) return null;
  const kind = str(p.kind) ?? (a.act === 'match.confirm-merge' ? 'dossier-dossier' : 'request-dossier');
  return { proposalId: a.subjectId, kind, leftId, rightId };
}

/** Where an approval's subject is shown: a proposal's review page, or the record it is about. */
export function approvalSubjectPath(a: Pick<Approval, 'subjectType' | 'subjectId'>): string | null {
  switch (a.subjectType) {
    case 'match_proposal':
      return paths.match(a.subjectId);
    case 'dossier':
      return paths.dossier(a.subjectId);
    case 'request':
      return paths.request(a.subjectId);
    case 'case':
      return paths.case(a.subjectId);
    default:
      return null;
  }
}

/** What an attestation waiting for its second verifier would sign: claim and decision (from its payload). */
export function attestationAsked(
  a: Pick<Approval, 'act' | 'payload'>,
): { claim: string; decision: string; coveredFields: string[] } | null {
  if (a.act !== 'attestation.verify') return null;
  const p = (a.payload ?? {}) as Record<string, unknown>;
  if (typeof p.claim !== 'string' || typeof p.decision !== 'string') return null;
  const fields = Array.isArray(p.coveredFields)
    ? p.coveredFields.filter((f): f is string => typeof f === 'string')
    : [];
  return { claim: p.claim, decision: p.decision, coveredFields: fields };
}

/** The pending attestation approvals about one record, among those given. */
export function attestationApprovalsOf(
  items: readonly Approval[] | undefined,
  subjectType: string,
  subjectId: string,
): Approval[] {
  return (items ?? []).filter(
    (a) =>
      a.status === 'pending' &&
      a.act === 'attestation.verify' &&
      a.subjectType === subjectType &&
      a.subjectId === subjectId,
  );
}
