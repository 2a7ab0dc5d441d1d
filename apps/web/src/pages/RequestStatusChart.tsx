import { Group, Paper, Progress, Skeleton, Table, Text, Title } from '@mantine/core';
import { requestStatuses } from '@homeward/contracts';
import { useRequestCount } from '../api/queries.ts';
import { formatNumber } from '../i18n/format.ts';
import { useLang } from '../i18n/useLang.ts';

const colors: Record<string, string> = {
  open: 'blue.8',
  matched: 'teal.9',
  closed: 'gray.7',
  withdrawn: 'red.9',
};

/** Tracing requests by status: a stacked bar, with the same figures as a table for screen readers. */
export function RequestStatusChart() {
  const { t, lang } = useLang();
  const counts = {
    open: useRequestCount({ status: 'open' }),
    matched: useRequestCount({ status: 'matched' }),
    closed: useRequestCount({ status: 'closed' }),
    withdrawn: useRequestCount({ status: 'withdrawn' }),
  };
  const ready = requestStatuses.every((s) => counts[s].data);
  const total = requestStatuses.reduce((n, s) => n + (counts[s].data?.count ?? 0), 0);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="by-status">
      <Title order={2} size="h4" id="by-status" mb="sm">
        {t('dashboard.requestsByStatus')}
      </Title>
      {!ready ? (
        <Skeleton h={60} />
      ) : (
        <>
          <Progress.Root size={24} aria-hidden>
            {requestStatuses.map((s) =>
              counts[s].data!.count > 0 ? (
                <Progress.Section
                  key={s}
                  value={(counts[s].data!.count / Math.max(total, 1)) * 100}
                  color={colors[s]}
                />
              ) : null,
            )}
          </Progress.Root>
          <Table mt="sm" withRowBorders={false} verticalSpacing={4}>
            <Table.Tbody>
              {requestStatuses.map((s) => (
                <Table.Tr key={s}>
                  <Table.Td>
                    <Group gap="xs">
                      <span
                        aria-hidden
                        style={{
                          display: 'inline-block',
                          width: 12,
                          height: 12,
                          borderRadius: 2,
                          background: `var(--mantine-color-${colors[s]!.replace('.', '-')})`,
                        }}
                      />
                      <Text size="sm">{t(`enums.requestStatus.${s}`)}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={600}>
                      {formatNumber(counts[s].data!.count, lang)}
                      {counts[s].data!.capped ? '+' : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}
