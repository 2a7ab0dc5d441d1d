import { Alert, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { ApiError, type MatchComparison } from '../../api/client.ts';
import { useMatch } from '../../api/queries.ts';
import { useCan } from '../../auth/session.tsx';
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

export function MatchReviewPage({ id }: { id: string }) {
  const { t } = useLang();
  const q = useMatch(id);
  return (
    <Stack>
      <Link to={paths.matches} size="sm">
        ← {t('nav.matches')}
      </Link>
      {q.isPending && <Skeleton h={320} role="status" aria-label={t('app.loading')} />}
      {q.isError &&
        (q.error instanceof ApiError && q.error.status === 404 ? (
          <Alert color="gray.8" variant="outline" role="alert">
            {t('matches.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
        ))}
      {q.data && <Review match={q.data} />}
    </Stack>
  );
}

function Review({ match: m }: { match: MatchComparison }) {
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
      {m.status !== 'proposed' && (
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
