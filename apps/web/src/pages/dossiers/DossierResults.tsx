import { Button, Group, Loader, Table, Text } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { DossierView, Page } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { displayName, formatPartialDate } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';

type Query = UseInfiniteQueryResult<InfiniteData<Page<DossierView>>>;

export function DossierResults({ query, items }: { query: Query; items: DossierView[] }) {
  const { t, lang } = useLang();
  const busy = query.isFetching && !query.isFetchingNextPage;
  return (
    <section aria-labelledby="results-title" aria-busy={busy}>
      <Group justify="space-between" mb="xs">
        <Text id="results-title" fw={600} component="h2" size="lg" m={0}>
          {t('dossiers.results')}
        </Text>
        <Group gap="xs" role="status" aria-live="polite">
          {busy && <Loader size="xs" aria-hidden />}
          <Text size="sm" c="dimmed">
            {query.isPending ? t('app.loading') : t('dossiers.shown', { count: items.length })}
          </Text>
        </Group>
      </Group>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && items.length === 0 && <Text py="md">{t('dossiers.noResults')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="xs" style={{ opacity: busy ? 0.6 : 1 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dossiers.colName')}</Table.Th>
                <Table.Th>{t('dossiers.colBorn')}</Table.Th>
                <Table.Th>{t('dossiers.colRegion')}</Table.Th>
                <Table.Th>{t('dossiers.colPlacement')}</Table.Th>
                <Table.Th>{t('dossiers.colStatus')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => {
                const name = displayName(d.names, lang);
                return (
                  <Table.Tr key={d.id} data-testid="dossier-row">
                    <Table.Td>
                      <Link to={paths.dossier(d.id)} fw={600}>
                        {name}
                      </Link>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatPartialDate(d.birthDate, lang) ?? '—'}
                    </Table.Td>
                    <Table.Td>{d.currentLocation.region ?? '—'}</Table.Td>
                    <Table.Td>{t(`enums.placement.${d.currentLocation.placement}`)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <StatusBadge kind="dossierStatus" status={d.status} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.hasNextPage && (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            {t('app.loadMore')}
          </Button>
        </Group>
      )}
    </section>
  );
}
