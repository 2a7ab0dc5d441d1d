import { Button, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useSecurityAlerts } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { detailLines } from '../audit/audit.ts';

/** Security alerts about the party's own accounts (bulk reads, second-factor failures, new devices). */
export function AlertsTab() {
  const { t, lang } = useLang();
  const q = useSecurityAlerts();
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('admin.alerts.intro')}
      </Text>
      {q.isPending && <Skeleton h={80} />}
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && items.length === 0 && <Text c="dimmed">{t('admin.alerts.none')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="alert-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.alerts.when')}</Table.Th>
                <Table.Th>{t('admin.alerts.kind')}</Table.Th>
                <Table.Th>{t('admin.alerts.user')}</Table.Th>
                <Table.Th>{t('admin.alerts.action')}</Table.Th>
                <Table.Th>{t('admin.alerts.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{formatDateTime(a.createdAt, lang)}</Table.Td>
                  <Table.Td>{t(`admin.alerts.kindName.${a.kind}`)}</Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {a.userId}
                  </Table.Td>
                  <Table.Td>{t(`admin.alerts.actionName.${a.action}`)}</Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {detailLines(a.details).map((l) => (
                      <div key={l}>{l}</div>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {q.hasNextPage && (
        <Button variant="default" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
          {t('app.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
