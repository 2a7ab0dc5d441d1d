import { Alert, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError, type Approval, type MatchComparison } from '../../api/client.ts';
import { useApprovals, useMatch } from '../../api/queries.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { Actor } from '../../components/Actor.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScoreBar } from '../../components/ScoreBar.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';
import { ComparisonTable } from './ComparisonTable.tsx';
import { fromDossier, fromRequest } from './comparison.ts';
import { EvidenceWaterfall } from './EvidenceWaterfall.tsx';
import { MatchCaseLink } from './MatchCaseLink.tsx';
import { MatchDecision } from './MatchDecision.tsx';
import { MatchHistory } from './MatchHistory.tsx';
import { DecisionBadge } from './MatchQueuePage.tsx';
import { PrimaryPhoto } from '../media/PhotosTab.tsx';
import { ApprovalActions } from '../approvals/ApprovalActions.tsx';
import { WithdrawApproval } from '../approvals/WithdrawApproval.tsx';
import { useMyApprovals } from '../../api/approvals.ts';
import {
  approvalForProposal,
  awaitingView,
  firstConfirmation,
  matchPayload,
  secondPartyOf,
} from '../approvals/approvals.ts';
import { usePartyLabel } from '../verification/VerificationPanel.tsx';

export function MatchReviewPage({ id }: { id: string }) {
  const { t } = useLang();
  const q = useMatch(id);
  const canApprove = useCan('approval.give');
  const approvals = useApprovals(canApprove);
  /** The approval the reader answered here (it leaves the pending list once answered). */
  const [answered, setAnswered] = useState<Approval | null>(null);
  const pending = approvalForProposal(approvals.data?.items, id);
  const notFound = q.error instanceof ApiError && q.error.status === 404;
  // The party holding the dossier gives the second approval without seeing the family's request
  // (it sees the proposal only once the case opens): it answers from the approval itself.
  const fromApproval = notFound ? (answered?.subjectId === id ? answered : pending) : undefined;
  return (
    <Stack>
      <Link to={paths.matches} size="sm">
        ← {t('nav.matches')}
      </Link>
      {(q.isPending || (notFound && canApprove && approvals.isPending)) && (
        <Skeleton h={320} role="status" aria-label={t('app.loading')} />
      )}
      {fromApproval ? (
        <SecondApproval approval={fromApproval} onDone={setAnswered} />
      ) : (
        q.isError &&
        !(notFound && canApprove && approvals.isPending) &&
        (notFound ? (
          <Alert color="gray.8" variant="outline" role="alert">
            {t('matches.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
        ))
      )}
      {q.data && <Review match={q.data} approvals={approvals.data?.items} />}
    </Stack>
  );
}

/**
 * The second approval of a match the reader may not see in full (the party holding the dossier):
 * what the approval says (ids, who confirmed first and why), then, once approved, the case.
 */
function SecondApproval({ approval: a, onDone }: { approval: Approval; onDone: (a: Approval) => void }) {
  const { t, lang } = useLang();
  const party = usePartyLabel();
  const p = matchPayload(a);
  const pair = p?.kind !== 'dossier-dossier';
  return (
    <>
      <div>
        <Group gap="sm">
          <PageTitle mb={0}>{t('match.title')}</PageTitle>
          <StatusBadge
            kind="matchStatus"
            status={a.status === 'approved' ? 'confirmed' : 'awaiting-second'}
          />
        </Group>
        <Text size="sm" c="dimmed">
          {t(`dashboard.approvalAct.${a.act}`, { defaultValue: a.act })}
        </Text>
      </div>
      <Alert variant="outline" color="blue.8" role="status" data-testid="match-awaiting" data-view="approve">
        {a.status === 'pending' ? (
          <Stack gap="xs">
            <Text size="sm">
              {t('match.awaiting.approveFrom', { party: party(a.firstPartyId) })}{' '}
              <Actor userId={a.firstUserId} />
              {' · '}
              {formatDateTime(a.firstAt, lang)}
            </Text>
            {a.firstReason && <Text size="sm">{t('match.reasonGiven', { reason: a.firstReason })}</Text>}
            <Text size="sm">{t('match.awaiting.approveLimited')}</Text>
            {p && !pair && (
              <Text size="sm">
                <Link to={paths.dossier(p.leftId)}>{t('match.dossierA')}</Link> ·{' '}
                <Link to={paths.dossier(p.rightId)}>{t('match.dossierB')}</Link>
              </Text>
            )}
            {p && pair && (
              <Text size="sm">
                <Link to={paths.dossier(p.rightId)}>{t('match.awaiting.yourDossier')}</Link>
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {t('dashboard.approvalExpires', { date: formatDateTime(a.expiresAt, lang) })}
            </Text>
            <ApprovalActions approval={a} onDone={onDone} />
          </Stack>
        ) : (
          <>
            <Text size="sm" data-testid="approval-answered">
              {t(`match.awaiting.answered.${a.status === 'approved' ? 'approved' : 'declined'}`)}
            </Text>
            {a.status === 'approved' && p && pair && (
              <MatchCaseLink requestId={p.leftId} dossierId={p.rightId} />
            )}
          </>
        )}
      </Alert>
    </>
  );
}

/** A proposal confirmed once, waiting for its second reviewer (two-person rule). */
function Awaiting({ match: m, approvals }: { match: MatchComparison; approvals: Approval[] | undefined }) {
  const { t, lang } = useLang();
  const { session } = useSession();
  const party = usePartyLabel();
  const view = awaitingView(m, approvals, session.user.id);
  const first = firstConfirmation(m);
  const approval = approvalForProposal(approvals, m.id);
  // The first reviewer's own approval (the pending list leaves it out): what they may withdraw.
  const canGive = useCan('approval.give');
  const mine = useMyApprovals(view === 'mine' && canGive);
  const own = approvalForProposal(mine.data?.items, m.id);
  const second = secondPartyOf(m);
  const of = second ? party(second) : t('match.awaiting.otherParty');
  return (
    <Alert variant="outline" color="blue.8" role="status" data-testid="match-awaiting" data-view={view ?? ''}>
      <Stack gap="xs">
        <Text size="sm">
          {view === 'mine' ? (
            t('match.awaiting.mine', { party: of })
          ) : (
            <>
              {t('match.awaiting.confirmedBy')} <Actor userId={first?.actorUserId ?? null} />
              {first ? ` · ${formatDateTime(first.at, lang)}` : ''} —{' '}
              {view === 'approve' ? t('match.awaiting.yourTurn') : t('match.awaiting.waiting', { party: of })}
            </>
          )}
        </Text>
        {first?.reason && <Text size="sm">{t('match.reasonGiven', { reason: first.reason })}</Text>}
        {view === 'approve' && approval && <ApprovalActions approval={approval} />}
        {view === 'mine' && own && (
          <Group>
            <WithdrawApproval approval={own} />
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

function Review({ match: m, approvals }: { match: MatchComparison; approvals: Approval[] | undefined }) {
  const { t, lang } = useLang();
  const canReview = useCan('match.review');
  const canSeePhotos = useCan('media.read');
  const left = m.left.request
    ? fromRequest(m.left.request)
    : m.left.dossier
      ? fromDossier(m.left.dossier)
      : null;
  const right = m.right ? fromDossier(m.right) : null;
  const pair = m.kind === 'request-dossier';
  return (
    <>
      <div>
        <Group gap="sm">
          <PageTitle mb={0}>{t('match.title')}</PageTitle>
          <StatusBadge kind="matchStatus" status={m.status} />
          <DecisionBadge decision={m.decision} />
        </Group>
        <Text size="sm" c="dimmed">
          {t(`enums.matchKind.${m.kind}`)} ·{' '}
          {t('match.proposedOn', { date: formatDateTime(m.createdAt, lang) })}
        </Text>
      </div>
      <Group gap="sm">
        <Text fw={600}>{t('match.probability')}</Text>
        <ScoreBar score={m.score} width={200} />
      </Group>

      {m.status === 'proposed' && canReview && <MatchDecision match={m} />}
      {m.status === 'proposed' && !canReview && (
        <Text size="sm" c="dimmed">
          {t('match.cannotReview')}
        </Text>
      )}
      {m.status === 'awaiting-second' && <Awaiting match={m} approvals={approvals} />}
      {m.status !== 'proposed' && m.status !== 'awaiting-second' && (
        <Alert
          variant="outline"
          color={m.status === 'confirmed' ? 'teal.9' : 'gray.8'}
          role="status"
          data-testid="match-decided"
        >
          <Text size="sm">
            {t(`match.decided.${m.status}`)}
            {m.decidedAt ? ` · ${formatDateTime(m.decidedAt, lang)}` : ''}
          </Text>
          {m.reason && <Text size="sm">{t('match.reasonGiven', { reason: m.reason })}</Text>}
          {m.status === 'confirmed' && pair && <MatchCaseLink requestId={m.leftId} dossierId={m.rightId} />}
        </Alert>
      )}

      <section aria-labelledby="comparison-title">
        <Title order={2} size="h4" mb="xs" id="comparison-title">
          {t('match.comparison')}
        </Title>
        <ComparisonTable
          left={left}
          right={right}
          leftTitle={pair ? t('match.request') : t('match.dossierA')}
          rightTitle={pair ? t('match.dossier') : t('match.dossierB')}
        />
      </section>
      {canSeePhotos && (
        <section aria-labelledby="photos-title">
          <Title order={2} size="h4" mb="xs" id="photos-title">
            {t('match.photos')}
          </Title>
          <SimpleGrid cols={2} maw={640}>
            <PrimaryPhoto
              subject={pair ? 'requests' : 'dossiers'}
              subjectId={m.leftId}
              label={pair ? t('match.request') : t('match.dossierA')}
            />
            <PrimaryPhoto
              subject="dossiers"
              subjectId={m.rightId}
              label={pair ? t('match.dossier') : t('match.dossierB')}
            />
          </SimpleGrid>
        </section>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="evidence-title">
            <Title order={2} size="h4" id="evidence-title">
              {t('match.evidence')}
            </Title>
            <Text size="xs" c="dimmed" mb="sm">
              {t('match.evidenceIntro')}
            </Text>
            <EvidenceWaterfall evidence={m.evidence} />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="match-history-title">
            <Title order={2} size="h4" id="match-history-title" mb="xs">
              {t('match.history')}
            </Title>
            <MatchHistory history={m.history} />
          </Paper>
        </Grid.Col>
      </Grid>
    </>
  );
}
