import { Button, Card, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDossierCount, useRequestCount } from '../api/queries.ts';
import { useSession } from '../auth/session.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatNumber } from '../i18n/format.ts';
import { useLang } from '../i18n/useLang.ts';
import { useMemoryState } from '../memory-state.ts';
import { paths } from '../route.ts';
import { navigate, onLinkClick } from '../router.tsx';
import { AwaitsAttestation } from './AwaitsAttestation.tsx';
import { RequestStatusChart } from './RequestStatusChart.tsx';

type Count = { count: number; capped: boolean };

export function useFormatCount() {
  const { t, lang } = useLang();
  return (c: Count) =>
    c.capped ? t('dashboard.atLeast', { count: formatNumber(c.count, lang) }) : formatNumber(c.count, lang);
}

function Figure({
  label,
  query,
}: {
  label: string;
  query: { data?: Count | undefined; isError: boolean; error: unknown };
}) {
  const fmt = useFormatCount();
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {query.data ? (
        <Text fz={32} fw={700} lh={1.2} data-testid="figure">
          {fmt(query.data)}
        </Text>
      ) : query.isError ? (
        <ErrorAlert error={query.error} />
      ) : (
        <Skeleton h={38} w={90} mt={4} />
      )}
    </Card>
  );
}

export function Dashboard() {
  const { t } = useLang();
  const { session } = useSession();
  const fmt = useFormatCount();
  const [, setRequestFilters] = useMemoryState('request-search', { name: '', status: null as string | null });
  const mineOpen = useRequestCount({ status: 'open', partyId: session.party.id });
  const dossiers = useDossierCount({});
  const dossiersOpen = useDossierCount({ status: 'open' });
  const requests = useRequestCount({});

  return (
    <Stack gap="lg">
      <PageTitle mb={0}>{t('dashboard.welcome', { name: session.user.displayName })}</PageTitle>
      <Paper withBorder p="md" component="section" aria-labelledby="awaits">
        <Title order={2} size="h4" id="awaits" mb="sm">
          {t('dashboard.awaits')}
        </Title>
        <Stack gap="md">
          {mineOpen.isError && <ErrorAlert error={mineOpen.error} onRetry={() => void mineOpen.refetch()} />}
          {mineOpen.isPending && <Skeleton h={24} w="60%" />}
          {mineOpen.data &&
            (mineOpen.data.count === 0 ? (
              <Text>{t('dashboard.awaitsNothing')}</Text>
            ) : (
              <Group justify="space-between">
                <Text data-testid="awaits-open">
                  {t('dashboard.awaitsOpenRequests', { count: fmt(mineOpen.data) })}
                </Text>
                <Button
                  variant="outline"
                  onClick={() => {
                    setRequestFilters({ name: '', status: 'open' });
                    navigate(paths.requests);
                  }}
                >
                  {t('nav.requests')}
                </Button>
              </Group>
            ))}
          <AwaitsAttestation />
        </Stack>
      </Paper>
      <section aria-labelledby="figures">
        <Title order={2} size="h4" id="figures" mb="sm">
          {t('dashboard.figures')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Figure label={t('dashboard.dossiersTotal')} query={dossiers} />
          <Figure label={t('dashboard.dossiersOpen')} query={dossiersOpen} />
          <Figure label={t('dashboard.requestsTotal')} query={requests} />
        </SimpleGrid>
      </section>
      <RequestStatusChart />
      <Group>
        <Button component="a" href={paths.dossiers} onClick={onLinkClick(paths.dossiers)} size="md">
          {t('dashboard.startSearch')}
        </Button>
        <Button
          component="a"
          href={paths.newRequest}
          onClick={onLinkClick(paths.newRequest)}
          size="md"
          variant="outline"
        >
          {t('dashboard.startRequest')}
        </Button>
      </Group>
    </Stack>
  );
}
