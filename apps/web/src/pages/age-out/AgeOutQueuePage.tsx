import {
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { ageOutStatuses } from '@homeward/contracts';
import { useMemo } from 'react';
import type { AgeOutPage, AgeOutStatus } from '../../api/client.ts';
import { useAgeOutQueue } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatNumber, formatPartialDate } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';
import { byDeadline, deadlineDisplay } from './age-out.ts';

type Filters = { status: AgeOutStatus | null; dueWithinDays: number | null };
type Summary = AgeOutPage['summary'];

const summaryKeys = ['overdue', 'eligible', 'consentRecorded', 'upcoming', 'resolved', 'unknownAge'] as const;

/**
 * Young people displaced as minors who are 18 or will be within 90 days, soonest deadline first.
 * The API sends ids and dates only; names are on the dossier the row links to.
 */
export function AgeOutQueuePage() {
  const { t, lang } = useLang();
  const [f, setF] = useMemoryState<Filters>('age-out-queue', { status: null, dueWithinDays: null });
  const query = useAgeOutQueue({
    status: f.status ?? undefined,
    dueWithinDays: f.dueWithinDays ?? undefined,
  });
  const items = useMemo(() => byDeadline(query.data?.pages.flatMap((p) => p.items) ?? []), [query.data]);
  const summary = query.data?.pages[0]?.summary;
  const busy = query.isFetching && !query.isFetchingNextPage;
  const now = new Date();

  return (
    <Stack>
      <div>
        <PageTitle mb={0}>{t('ageOut.title')}</PageTitle>
        <Text size="sm" c="dimmed">
          {t('ageOut.intro')}
        </Text>
      </div>
      {summary && <SummaryCards summary={summary} />}
      <Grid align="flex-end">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Select
            label={t('ageOut.status')}
            placeholder={t('ageOut.openWork')}
            data={ageOutStatuses.map((s) => ({ value: s, label: t(`enums.ageOutStatus.${s}`) }))}
            value={f.status}
            onChange={(v) => setF((p) => ({ ...p, status: v as AgeOutStatus | null }))}
            clearable
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <NumberInput
            label={t('ageOut.dueWithin')}
            placeholder={t('ageOut.anyDeadline')}
            min={0}
            max={3650}
            value={f.dueWithinDays ?? ''}
            onChange={(v) =>
              setF((p) => ({ ...p, dueWithinDays: v === '' || v === undefined ? null : Number(v) }))
            }
          />
        </Grid.Col>
      </Grid>
      <Group gap="xs" role="status" aria-live="polite">
        {busy && <Loader size="xs" aria-hidden />}
        <Text size="sm" c="dimmed">
          {query.isPending ? t('app.loading') : t('ageOut.shown', { count: items.length })}
        </Text>
      </Group>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && items.length === 0 && <Text>{t('ageOut.empty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover style={{ opacity: busy ? 0.6 : 1 }} data-testid="age-out-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ageOut.colDeadline')}</Table.Th>
                <Table.Th>{t('ageOut.colDaysLeft')}</Table.Th>
                <Table.Th>{t('ageOut.colStatus')}</Table.Th>
                <Table.Th>{t('ageOut.colEighteen')}</Table.Th>
                <Table.Th>{t('ageOut.colConsent')}</Table.Th>
                <Table.Th>{t('ageOut.colDossier')}</Table.Th>
                <Table.Th>{t('ageOut.colCase')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => {
                const d = deadlineDisplay(e, now);
                return (
                  <Table.Tr key={e.id} data-testid="age-out-row" data-status={e.status}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Link to={paths.ageOutEntry(e.id)} fw={600}>
                        {formatPartialDate(e.deadlineOn, lang)}
                      </Link>
                    </Table.Td>
                    <Table.Td>
                      <DaysLeft tone={d.tone} label={t(d.key, { count: d.days })} />
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge kind="ageOutStatus" status={e.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <EighteenthBirthday
                        eligibleOn={e.eligibleOn}
                        adultFrom={e.adultFrom}
                        approximate={e.approximate}
                      />
                    </Table.Td>
                    <Table.Td>{e.consent ? t(`enums.consentDecision.${e.consent.decision}`) : '—'}</Table.Td>
                    <Table.Td>
                      <Link
                        to={paths.dossier(e.dossierId)}
                        ff="monospace"
                        size="sm"
                        aria-label={t('cases.dossierRef', { id: e.dossierId.slice(0, 8) })}
                      >
                        {e.dossierId.slice(0, 8)}
                      </Link>
                    </Table.Td>
                    <Table.Td>
                      {e.caseId ? (
                        <Link
                          to={paths.case(e.caseId)}
                          ff="monospace"
                          size="sm"
                          aria-label={t('cases.caseRef', { id: e.caseId.slice(0, 8) })}
                        >
                          {e.caseId.slice(0, 8)}
                        </Link>
                      ) : (
                        <Text span size="sm" c="dimmed">
                          {t('ageOut.noCase')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
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

function SummaryCards({ summary }: { summary: Summary }) {
  const { t, lang } = useLang();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="age-out-summary">
      {summaryKeys.map((k) => (
        <Paper key={k} withBorder p="sm" data-figure={k}>
          <Text size="xl" fw={700} c={k === 'overdue' && summary[k] > 0 ? 'red.9' : undefined}>
            {formatNumber(summary[k], lang)}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`ageOut.summary.${k}`)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

const toneColor = {
  overdue: 'red.9',
  today: 'orange.9',
  soon: 'orange.9',
  later: undefined,
  closed: 'dimmed',
} as const;

export function DaysLeft({ tone, label }: { tone: keyof typeof toneColor; label: string }) {
  if (tone === 'overdue')
    return (
      <Badge color="red.9" variant="filled" tt="none" data-tone={tone}>
        {label}
      </Badge>
    );
  return (
    <Text span size="sm" fw={tone === 'later' ? 400 : 600} c={toneColor[tone]} data-tone={tone}>
      {label}
    </Text>
  );
}

/** The 18th birthday, or its range with a marker when the birth date is known to the month or year only. */
export function EighteenthBirthday({
  eligibleOn,
  adultFrom,
  approximate,
}: {
  eligibleOn: string;
  adultFrom: string;
  approximate: boolean;
}) {
  const { t, lang } = useLang();
  if (!approximate) return <>{formatPartialDate(eligibleOn, lang)}</>;
  return (
    <Tooltip
      label={t('ageOut.approximateExplain')}
      multiline
      w={280}
      events={{ hover: true, focus: true, touch: true }}
    >
      <Text span size="sm" tabIndex={0} data-approximate="true">
        ≈ {formatPartialDate(eligibleOn, lang)} – {formatPartialDate(adultFrom, lang)}{' '}
        <Badge size="xs" variant="outline" color="gray.8" tt="none">
          {t('ageOut.approximate')}
        </Badge>
      </Text>
    </Tooltip>
  );
}
