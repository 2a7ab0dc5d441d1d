import { Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import type { ReportSummary } from '../../api/client.ts';
import { formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { monthBars } from './dashboard.ts';

/** A month-by-month bar chart; the same figures as a table for screen readers. */
export function MonthlyChart({ list, title }: { list: ReportSummary['requests']['filed']; title: string }) {
  const { t, lang } = useLang();
  const bars = monthBars(list);
  const titleId = useId();
  return (
    <Paper withBorder p="md" mt="md" component="figure" aria-labelledby={titleId} style={{ margin: 0 }}>
      <Title order={3} size="h5" id={titleId} mb="sm" component="figcaption">
        {title}
      </Title>
      <Group gap={4} align="flex-end" h={140} wrap="nowrap" aria-hidden data-testid="monthly-chart">
        {bars.map((b) => (
          <div key={b.label} style={{ flex: 1, textAlign: 'center', minWidth: 0 }}>
            <Text size="xs" fw={600}>
              {b.count === null ? '—' : formatNumber(b.count, lang)}
            </Text>
            <div
              style={{
                height: Math.max(b.height, b.count ? 2 : 0),
                background: 'var(--mantine-color-blue-8)',
                borderRadius: 2,
              }}
            />
            <Text size="10px" c="dimmed" style={{ whiteSpace: 'nowrap', overflow: 'hidden' }}>
              {b.label.slice(2)}
            </Text>
          </div>
        ))}
      </Group>
      <VisuallyHidden>
        <Table>
          <Table.Tbody>
            {bars.map((b) => (
              <Table.Tr key={b.label}>
                <Table.Td>{b.label}</Table.Td>
                <Table.Td>{b.count === null ? t('dashboard.suppressed') : b.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </Paper>
  );
}
