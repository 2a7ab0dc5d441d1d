import { Grid, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import { useContactReport } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatPartialDate } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { percentOf, reportCell } from '../cases/contact/contact.ts';

const columns = ['cases', 'due', 'held', 'heldOnTime', 'missed', 'cancelled', 'overdue'] as const;

/**
 * Contact regularity per region over the cases of the user's organisation: counts only, and a
 * region with fewer cases than the minimum cell is shown as "< 5", never as its numbers.
 */
export function ContactReportPage() {
  const { t, lang } = useLang();
  const [f, setF] = useMemoryState('contact-report', { from: '', to: '' });
  const q = useContactReport({ from: f.from || undefined, to: f.to || undefined });
  const report = q.data;
  return (
    <Stack>
      <div>
        <PageTitle mb={0}>{t('report.title')}</PageTitle>
        <Text size="sm" c="dimmed">
          {t('report.intro')}
        </Text>
      </div>
      <Grid align="flex-end">
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <TextInput
            type="date"
            label={t('report.from')}
            value={f.from}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setF((p) => ({ ...p, from: v }));
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <TextInput
            type="date"
            label={t('report.to')}
            value={f.to}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setF((p) => ({ ...p, to: v }));
            }}
          />
        </Grid.Col>
      </Grid>
      <Group gap="xs" role="status" aria-live="polite">
        {q.isFetching && <Loader size="xs" aria-hidden />}
        <Text size="sm" c="dimmed">
          {report
            ? t('report.period', {
                from: formatPartialDate(report.from, lang),
                to: formatPartialDate(report.to, lang),
                min: report.minimumCell,
              })
            : t('app.loading')}
        </Text>
      </Group>
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {report && report.items.length === 0 && <Text>{t('report.empty')}</Text>}
      {report && report.items.length > 0 && (
        <Table.ScrollContainer minWidth={820}>
          <Table striped withTableBorder data-testid="contact-report">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.region')}</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c} style={{ textAlign: 'right' }}>
                    {t(`report.col.${c}`)}
                  </Table.Th>
                ))}
                <Table.Th style={{ textAlign: 'right' }}>{t('report.col.share')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.items.map((r, i) => {
                const share = percentOf(r.shareHeldOnTime);
                return (
                  <Table.Tr
                    key={r.region ?? `none-${i}`}
                    data-testid="report-row"
                    data-suppressed={r.suppressed}
                  >
                    <Table.Td>{r.region ?? t('report.noRegion')}</Table.Td>
                    {columns.map((c) => (
                      <Table.Td
                        key={c}
                        style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}
                        c={r.suppressed ? 'dimmed' : undefined}
                        title={r.suppressed ? t('report.suppressed', { min: report.minimumCell }) : undefined}
                      >
                        {reportCell(r[c], r.suppressed, report.minimumCell)}
                      </Table.Td>
                    ))}
                    <Table.Td style={{ textAlign: 'right' }}>
                      {r.suppressed ? `< ${report.minimumCell}` : share === null ? '—' : `${share}%`}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed">
        {t('report.suppressedNote', { min: report?.minimumCell ?? 5 })}
      </Text>
    </Stack>
  );
}
