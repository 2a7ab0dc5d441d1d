import { Alert, Button, Grid, Group, Loader, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { requestStatuses } from '@homeward/contracts';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import { useRequestSearch } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { displayName, formatPartialDate } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { paths } from '../../route.ts';
import { Link, onLinkClick } from '../../router.tsx';
import { useFlash } from './flash.ts';

type Filters = { name: string; status: string | null };

export function RequestListPage() {
  const { t, lang } = useLang();
  const [f, setF] = useMemoryState<Filters>('request-search', { name: '', status: null });
  const [debounced] = useDebouncedValue(f, 250);
  const flash = useFlash();
  const query = useRequestSearch({
    name: debounced.name.trim() || undefined,
    status: (debounced.status as (typeof requestStatuses)[number] | null) ?? undefined,
  });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const busy = query.isFetching && !query.isFetchingNextPage;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageTitle mb={0}>{t('requests.title')}</PageTitle>
        <Button component="a" href={paths.newRequest} onClick={onLinkClick(paths.newRequest)}>
          {t('requests.new')}
        </Button>
      </Group>
      {flash && (
        <Alert color="teal.9" variant="outline" role="status" data-testid="flash">
          {t('requestForm.created')}
        </Alert>
      )}
      <form role="search" onSubmit={(e) => e.preventDefault()} aria-label={t('requests.searchLabel')}>
        <Grid align="flex-end">
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label={t('requests.searchLabel')}
              description={t('dossiers.searchHint')}
              value={f.name}
              onChange={(e) => setF((p) => ({ ...p, name: e.currentTarget.value }))}
              type="search"
              autoComplete="off"
              size="md"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Select
              label={t('requests.status')}
              placeholder={t('requests.anyStatus')}
              data={requestStatuses.map((s) => ({ value: s, label: t(`enums.requestStatus.${s}`) }))}
              value={f.status}
              onChange={(v) => setF((p) => ({ ...p, status: v }))}
              clearable
              size="md"
            />
          </Grid.Col>
        </Grid>
      </form>
      <Group gap="xs" role="status" aria-live="polite">
        {busy && <Loader size="xs" aria-hidden />}
        <Text size="sm" c="dimmed">
          {query.isPending ? t('app.loading') : t('requests.shown', { count: items.length })}
        </Text>
      </Group>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && items.length === 0 && <Text>{t('requests.empty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover style={{ opacity: busy ? 0.6 : 1 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('requests.colChild')}</Table.Th>
                <Table.Th>{t('requests.colBorn')}</Table.Th>
                <Table.Th>{t('requests.colRequester')}</Table.Th>
                <Table.Th>{t('requests.colFiledOn')}</Table.Th>
                <Table.Th>{t('requests.colStatus')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id} data-testid="request-row" data-highlight={flash === r.id || undefined}>
                  <Table.Td>
                    <Link to={paths.request(r.id)} fw={600}>
                      {displayName(r.sought.names, lang)}
                    </Link>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatPartialDate(r.sought.birthDate, lang) ?? '—'}
                  </Table.Td>
                  <Table.Td>
                    {r.requester.name ?? '—'}
                    <Text size="xs" c="dimmed">
                      {t(`enums.relationship.${r.requester.relationship}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPartialDate(r.filedOn, lang)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <StatusBadge kind="requestStatus" status={r.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void query.fetchNextPage()}
            loading={query.isFetchingNextPage}
          >
            {t('app.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
