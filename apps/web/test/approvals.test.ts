import { describe, expect, it } from 'vitest';
import type { Approval, MatchComparison } from '../src/api/client.ts';
import {
  approvalForProposal,
  approvalSubjectPath,
  attestationApprovalsOf,
  attestationAsked,
  awaitingView,
  firstConfirmation,
  matchPayload,
  secondPartyOf,
} from '../src/pages/approvals/approvals.ts';

const proposalId = '11111111-1111-4111-8111-111111111111';
const requestId = '22222222-2222-4222-8222-222222222222';
const dossierId = '33333333-3333-4333-8333-333333333333';
const me = '44444444-4444-4444-8444-444444444444';
const other = '55555555-5555-4555-8555-555555555555';

const approval = (over: Partial<Approval> = {}): Approval => ({
  id: '66666666-6666-4666-8666-666666666666',
  act: 'match.confirm-case',
  subjectType: 'match_proposal',
  subjectId: proposalId,
  relatedIds: [requestId, dossierId],
  status: 'pending',
  payload: {
    proposalId,
    kind: 'request-dossier',
    leftId: requestId,
    rightId: dossierId,
    decision: 'confirmed',
  },
  payloadHash: 'a'.repeat(64),
  firstUserId: other,
  firstPartyId: 'p1',
  firstAt: '2026-05-01T10:00:00.000Z',
  firstReason: 'Same child',
  secondPartyId: 'p2',
  secondPermission: 'match.review',
  secondUserId: null,
  secondAt: null,
  secondReason: null,
  endReason: null,
  expiresAt: '2026-05-15T10:00:00.000Z',
  ...over,
});

const history = (actor: string): MatchComparison['history'] => [
  { status: 'proposed', actorUserId: null, reason: null, at: '2026-05-01T09:00:00.000Z' },
  { status: 'awaiting-second', actorUserId: actor, reason: 'Same child', at: '2026-05-01T10:00:00.000Z' },
];

describe('two-person rule helpers', () => {
  it('finds the pending approval of a proposal', () => {
    expect(approvalForProposal([approval()], proposalId)?.id).toBe(approval().id);
    expect(approvalForProposal([approval({ subjectType: 'dossier' })], proposalId)).toBeUndefined();
    expect(approvalForProposal([approval({ status: 'approved' })], proposalId)).toBeUndefined();
    expect(approvalForProposal(undefined, proposalId)).toBeUndefined();
  });

  it('tells the first confirmation of a waiting proposal', () => {
    expect(firstConfirmation({ status: 'awaiting-second', history: history(me) })).toMatchObject({
      actorUserId: me,
      reason: 'Same child',
    });
    expect(firstConfirmation({ status: 'confirmed', history: history(me) })).toBeNull();
    // Declined once, confirmed again by someone else: the latest one counts.
    const again: MatchComparison['history'] = [
      ...history(me),
      { status: 'proposed', actorUserId: other, reason: 'declined', at: '2026-05-02T00:00:00.000Z' },
      { status: 'awaiting-second', actorUserId: other, reason: null, at: '2026-05-03T00:00:00.000Z' },
    ];
    expect(firstConfirmation({ status: 'awaiting-second', history: again })?.actorUserId).toBe(other);
  });

  it('decides what the reader of a waiting proposal is offered', () => {
    const m = { id: proposalId, status: 'awaiting-second' as const, history: history(me) };
    expect(awaitingView(m, [], me)).toBe('mine');
    expect(awaitingView(m, [], other)).toBe('waiting');
    expect(awaitingView({ ...m, history: history(other) }, [approval()], me)).toBe('approve');
    expect(awaitingView({ ...m, status: 'proposed' }, [approval()], me)).toBeNull();
  });

  it('names the party the second reviewer comes from', () => {
    const pair = { kind: 'request-dossier' as const, left: { request: null, dossier: null } };
    expect(secondPartyOf({ ...pair, right: { partyId: 'p2' } as MatchComparison['right'] })).toBe('p2');
    expect(secondPartyOf({ ...pair, right: null })).toBeNull();
    expect(
      secondPartyOf({
        kind: 'dossier-dossier',
        left: { request: null, dossier: { partyId: 'p1' } as NonNullable<MatchComparison['right']> },
        right: null,
      }),
    ).toBe('p1');
  });

  it('reads the match an approval confirms, and where its subject is shown', () => {
    expect(matchPayload(approval())).toEqual({
      proposalId,
      kind: 'request-dossier',
      leftId: requestId,
      rightId: dossierId,
    });
    expect(matchPayload(approval({ payload: null, act: 'match.confirm-merge' }))).toEqual({
      proposalId,
      kind: 'dossier-dossier',
      leftId: requestId,
      rightId: dossierId,
    });
    expect(matchPayload(approval({ subjectType: 'dossier' }))).toBeNull();
    expect(approvalSubjectPath(approval())).toBe(`/matches/${proposalId}`);
    expect(approvalSubjectPath(approval({ subjectType: 'dossier', subjectId: dossierId }))).toBe(
      `/dossiers/${dossierId}`,
    );
    expect(approvalSubjectPath(approval({ subjectType: 'elsewhere' }))).toBeNull();
  });

  it('reads what an attestation waiting for its second verifier would sign, and finds those of one record', () => {
    const attest = approval({
      act: 'attestation.verify',
      subjectType: 'dossier',
      subjectId: dossierId,
      relatedIds: [],
      payload: {
        subjectType: 'dossier',
        subjectId: dossierId,
        claim: 'identity-verified',
        decision: 'verified',
        coveredFields: ['names', 'sex'],
        contentHash: 'b'.repeat(64),
        evidence: [],
        keyId: null,
      },
    });
    expect(attestationAsked(attest)).toEqual({
      claim: 'identity-verified',
      decision: 'verified',
      coveredFields: ['names', 'sex'],
    });
    expect(attestationAsked(approval())).toBeNull();
    expect(attestationAsked({ ...attest, payload: null })).toBeNull();
    expect(attestationApprovalsOf([attest, approval()], 'dossier', dossierId)).toEqual([attest]);
    expect(attestationApprovalsOf([attest], 'case', dossierId)).toEqual([]);
    expect(attestationApprovalsOf([{ ...attest, status: 'approved' }], 'dossier', dossierId)).toEqual([]);
    expect(attestationApprovalsOf(undefined, 'dossier', dossierId)).toEqual([]);
  });
});
