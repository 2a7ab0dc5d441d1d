import { Alert, Anchor, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useId, useState } from 'react';
import type { ReportSummary } from '../../api/client.ts';
import { useReportSummaryFor } from '../../api/reports.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { MonthlyChart } from '../dashboard/MonthlyChart.tsx';
import { categoryBars, monthsOfSummary, periodFromMonths } from './reports.ts';

type List = ReportSummary['children']['byStatus'];

/** A count, or the reason it is not shown (small-cell suppression). */
function Count({ value, threshold }: { value: number | null; threshold: number }) {
  const { t, lang } = useLang();
  if (value === null) {
    return (
      <Text span c="dimmed" title={t('reports.withheldTitle', { min: threshold })}>
        {t('reports.withheld', { min: threshold })}
      </Text>
    );
  }
  return <>{formatNumber(value, lang)}</>;
}

/** A category chart that is also the table of its figures: one row per category with its bar. */
function CategoryChart({ title, list, label, threshold, inOrder = false }: { title: string; list: List; label: (l: string) => string; threshold: number; inOrder?: boolean }) {
  const { t } = useLang();
  const id = useId();
  const bars = categoryBars(list, inOrder);
  return (
    <Paper withBorder p="md" component="figure" aria-labelledby={id} style={{ margin: 0 }}>
      <Title order={2} size="h5" id={id} mb="sm" component="figcaption">
        {title}
      </Title>
      {bars.length === 0 ? (
        <Text c="dimmed">{t('reports.empty')}</Text>
      ) : (
        <Table aria-labelledby={id} data-testid="category-chart">
          <Table.Tbody>
            {bars.map((b) => (
              <Table.Tr key={b.label}>
                <Table.Th scope="row" fw={400} w="40%">
                  {label(b.label)}
                </Table.Th>
                <Table.Td w="45%" aria-hidden>
                  <div style={{ height: 12, width: `${Math.max(b.share * 100, b.count ? 1 : 0)}%`, background: 'var(--mantine-color-blue-8)', borderRadius: 2 }} />
                </Table.Td>
                <Table.Td ta="right">
                  <Count value={b.count} threshold={threshold} />
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row">{t('reports.total')}</Table.Th>
              <Table.Td aria-hidden />
              <Table.Td ta="right" fw={700}>
                <Count value={list.total} threshold={threshold} />
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export function ReportsPage() {
  const { t, lang } = useLang();
  const [months, setMonths] = useState<{ fromMonth: string; toMonth: string } | null>(null);
  const period = months ? periodFromMonths(months.fromMonth, months.toMonth) : null;
  const summary = useReportSummaryFor(period);
  const shown = months ?? (summary.data ? monthsOfSummary(summary.data) : null);
  const invalid = months !== null && period === null;
  const s = summary.data;
  const days = (d: number | null) => (d === null ? t('reports.withheld', { min: s?.threshold ?? 5 }) : t('reports.days', { n: formatNumber(d, lang) }));

  return (
    <Stack>
      <PageTitle>{t('reports.title')}</PageTitle>
      <Text maw="75ch">{t('reports.intro')}</Text>
      <Group align="flex-end">
        <TextInput
          type="month"
          label={t('reports.fromMonth')}
          value={shown?.fromMonth ?? ''}
          onChange={(e) => setMonths({ fromMonth: e.currentTarget.value, toMonth: shown?.toMonth ?? '' })}
        />
        <TextInput
          type="month"
          label={t('reports.toMonth')}
          value={shown?.toMonth ?? ''}
          onChange={(e) => setMonths({ fromMonth: shown?.fromMonth ?? '', toMonth: e.currentTarget.value })}
          error={invalid ? t('reports.badPeriod') : undefined}
        />
        <Anchor href="/transparency" target="_blank" rel="noopener" mb={8}>
          {t('reports.publicPage')}
        </Anchor>
      </Group>
      {summary.isPending && (
        <Stack role="status" aria-label={t('app.loading')}>
          <Skeleton h={120} />
          <Skeleton h={240} />
        </Stack>
      )}
      {summary.isError && <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
      {s && (
        <Stack style={{ opacity: summary.isFetching ? 0.6 : 1 }} aria-busy={summary.isFetching}>
          <Alert variant="light" color="blue.9">
            {t('reports.suppressionNote', { min: s.threshold, asOf: s.asOf })}
          </Alert>
          <SimpleGrid cols={{ base: 2, md: 5 }} data-testid="report-headlines">
            {(
              [
                ['children', s.children.byStatus.total],
                ['filed', s.requests.filed.total],
                ['matched', s.requests.matched.total],
                ['verified', s.requests.verified.total],
                ['reunited', s.reunifications.total],
              ] as const
            ).map(([k, v]) => (
              <Paper withBorder p="md" key={k}>
                <Text size="sm" c="dimmed">
                  {t(`reports.headline.${k}`)}
                </Text>
                <Text size="xl" fw={700}>
                  <Count value={v} threshold={s.threshold} />
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <CategoryChart title={t('reports.byStatus')} list={s.children.byStatus} threshold={s.threshold} label={(l) => t(`enums.dossierStatus.${l}`, { defaultValue: l === 'unknown' ? t('reports.unknown') : l })} />
            <CategoryChart title={t('reports.byDisplacement')} list={s.children.byDisplacementKind} threshold={s.threshold} label={(l) => t(`enums.displacementKind.${l}`, { defaultValue: l })} />
            <CategoryChart inOrder title={t('reports.byAgeGroup')} list={s.children.byAgeGroup} threshold={s.threshold} label={(l) => (l === 'unknown' ? t('reports.unknown') : t('reports.ageGroup', { group: l }))} />
            <CategoryChart title={t('reports.byRegion')} list={s.children.byRegion} threshold={s.threshold} label={(l) => (l === 'unknown' ? t('reports.unknown') : l)} />
            <CategoryChart title={t('reports.casesByStatus')} list={s.casesByStatus} threshold={s.threshold} label={(l) => t(`enums.caseStatus.${l}`, { defaultValue: l })} />
            <Paper withBorder p="md">
              <Title order={2} size="h5" mb="sm">
                {t('reports.durations')}
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('reports.durationFrom')}</Table.Th>
                    <Table.Th ta="right">{t('reports.median')}</Table.Th>
                    <Table.Th ta="right">{t('reports.p90')}</Table.Th>
                    <Table.Th ta="right">{t('reports.observations')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(['requestToMatch', 'matchToReunion', 'requestToReunion'] as const).map((k) => (
                    <Table.Tr key={k}>
                      <Table.Th scope="row" fw={400}>
                        {t(`reports.duration.${k}`)}
                      </Table.Th>
                      <Table.Td ta="right">{days(s.durations[k].medianDays)}</Table.Td>
                      <Table.Td ta="right">{days(s.durations[k].p90Days)}</Table.Td>
                      <Table.Td ta="right">
                        <Count value={s.durations[k].observations} threshold={s.threshold} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <MonthlyChart list={s.requests.filed} title={t('reports.filedByMonth')} />
            <MonthlyChart list={s.requests.matched} title={t('reports.matchedByMonth')} />
            <MonthlyChart list={s.requests.verified} title={t('reports.verifiedByMonth')} />
            <MonthlyChart list={s.reunifications} title={t('reports.reunitedByMonth')} />
          </SimpleGrid>
        </Stack>
      )}
    </Stack>
  );
}
