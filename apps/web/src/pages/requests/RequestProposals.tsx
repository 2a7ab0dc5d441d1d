import { Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { MatchProposal } from '../../api/client.ts';
import { useDossier, useRequestMatches } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScoreBar } from '../../components/ScoreBar.tsx';
import { displayName, formatPartialDate } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';

/** The matching engine's open proposals for this request, each linking to its review page. */
export function RequestProposals({ requestId }: { requestId: string }) {
  const { t } = useLang();
  const q = useRequestMatches(requestId, true);
  const items = q.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="aside" aria-labelledby="proposals-title" data-testid="proposals">
      <Title order={2} size="h4" id="proposals-title">
        {t('match.requestProposals')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('match.requestProposalsHint')}
      </Text>
      <div role="status" aria-live="polite">
        {q.isPending && (
          <Group gap="xs">
            <Loader size="xs" aria-hidden />
            <Text size="sm">{t('app.loading')}</Text>
          </Group>
        )}
        {q.isSuccess && items.length === 0 && <Text size="sm">{t('match.requestProposalsNone')}</Text>}
      </div>
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {items.length > 0 && (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((m) => (
            <Proposal key={m.id} m={m} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function Proposal({ m }: { m: MatchProposal }) {
  const { t, lang } = useLang();
  const d = useDossier(m.rightId);
  return (
    <li data-testid="proposal">
      <Link to={paths.match(m.id)} fw={600}>
        {d.data ? displayName(d.data.names, lang) : t('cases.dossierRef', { id: m.rightId.slice(0, 8) })}
      </Link>
      <Group gap={6} justify="space-between">
        <Text size="xs">
          {formatPartialDate(d.data?.birthDate, lang) ?? '—'}
          {d.data?.currentLocation.region ? ` · ${d.data.currentLocation.region}` : ''}
        </Text>
        <ScoreBar score={m.score} width={60} />
      </Group>
    </li>
  );
}
