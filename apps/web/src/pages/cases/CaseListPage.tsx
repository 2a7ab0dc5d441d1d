import { Badge, Button, Grid, Group, Loader, MultiSelect, Select, Stack, Table, Text } from '@mantine/core';
import { casePriorities, caseStatuses, type CaseStatusCode } from '@homeward/contracts';
import { useMemo } from 'react';
import { useCaseList } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';

type Filters = { status: CaseStatusCode[]; priority: (typeof casePriorities)[number] | null };

/**
 * The party's cases, newest first. The list carries ids only (no names), so rows show short ids
 * and link to the case, its dossier and its request: fetching each dossier here would read (and
 * audit) fifty children's records to draw one list.
 */
export function CaseListPage() {
  const { t, lang } = useLang();
  const [f, setF] = useMemoryState<Filters>('case-list', { status: [], priority: null });
  const query = useCaseList({
    status: f.status.length ? f.status : undefined,
    priority: f.priority ?? undefined,
  });
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const busy = query.isFetching && !query.isFetchingNextPage;

  return (
    <Stack>
      <div>
        <PageTitle mb={0}>{t('cases.title')}</PageTitle>
        <Text size="sm" c="dimmed">
          {t('cases.intro')}
        </Text>
      </div>
      <Grid align="flex-end">
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <MultiSelect
            label={t('cases.status')}
            placeholder={f.status.length ? undefined : t('cases.anyStatus')}
            data={caseStatuses.map((s) => ({ value: s, label: t(`enums.caseStatus.${s}`) }))}
            value={f.status}
            onChange={(v) => setF((p) => ({ ...p, status: v as CaseStatusCode[] }))}
            clearable
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label={t('cases.priority')}
            placeholder={t('cases.anyPriority')}
            data={casePriorities.map((s) => ({ value: s, label: t(`enums.casePriority.${s}`) }))}
            value={f.priority}
            onChange={(v) => setF((p) => ({ ...p, priority: v as Filters['priority'] }))}
            clearable
          />
        </Grid.Col>
      </Grid>
      <Group gap="xs" role="status" aria-live="polite">
        {busy && <Loader size="xs" aria-hidden />}
        <Text size="sm" c="dimmed">
          {query.isPending ? t('app.loading') : t('cases.shown', { count: items.length })}
        </Text>
      </Group>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && items.length === 0 && <Text>{t('cases.empty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover style={{ opacity: busy ? 0.6 : 1 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.colCase')}</Table.Th>
                <Table.Th>{t('cases.colStatus')}</Table.Th>
                <Table.Th>{t('cases.colPriority')}</Table.Th>
                <Table.Th>{t('cases.colDossier')}</Table.Th>
                <Table.Th>{t('cases.colRequest')}</Table.Th>
                <Table.Th>{t('cases.colOpened')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-testid="case-row">
                  <Table.Td>
                    <Link to={paths.case(c.id)} fw={600} ff="monospace">
                      {t('cases.caseRef', { id: c.id.slice(0, 8) })}
                    </Link>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge kind="caseStatus" status={c.status} />
                  </Table.Td>
                  <Table.Td>
                    <PriorityBadge priority={c.priority} />
                  </Table.Td>
                  <Table.Td>
                    <Link
                      to={paths.dossier(c.dossierId)}
                      ff="monospace"
                      size="sm"
                      aria-label={t('cases.dossierRef', { id: c.dossierId.slice(0, 8) })}
                    >
                      {c.dossierId.slice(0, 8)}
                    </Link>
                  </Table.Td>
                  <Table.Td>
                    <Link
                      to={paths.request(c.requestId)}
                      ff="monospace"
                      size="sm"
                      aria-label={t('cases.requestRef', { id: c.requestId.slice(0, 8) })}
                    >
                      {c.requestId.slice(0, 8)}
                    </Link>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.openedAt, lang)}</Table.Td>
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

export function PriorityBadge({ priority }: { priority: 'normal' | 'age-out' }) {
  const { t } = useLang();
  if (priority === 'normal')
    return (
      <Text span size="sm" c="dimmed">
        {t('enums.casePriority.normal')}
      </Text>
    );
  return (
    <Badge color="orange.9" variant="filled" tt="none" data-testid="priority-age-out">
      {t('enums.casePriority.age-out')}
    </Badge>
  );
}
