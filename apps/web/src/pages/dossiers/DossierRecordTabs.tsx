import { Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useDossierCases, useDossierHistory, useDossierMatches } from '../../api/dossier-records.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ScoreBar } from '../../components/ScoreBar.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Actor } from '../../components/Actor.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';
import { DecisionBadge } from '../matches/MatchQueuePage.tsx';
import { PriorityBadge } from '../cases/CaseListPage.tsx';

function Loading() {
  const { t } = useLang();
  return (
    <Stack role="status" aria-label={t('app.loading')}>
      <Skeleton h={28} />
      <Skeleton h={28} />
    </Stack>
  );
}

/** Every match proposal with this dossier on either side, in every status, most probable first. */
export function MatchesTab({ dossierId }: { dossierId: string }) {
  const { t, lang } = useLang();
  const q = useDossierMatches(dossierId, true);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.items.length === 0) return <Text c="dimmed">{t('dossierRecords.noMatches')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={t('dossierRecords.matchesLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dossierRecords.colKind')}</Table.Th>
            <Table.Th>{t('dossierRecords.colScore')}</Table.Th>
            <Table.Th>{t('dossierRecords.colStatus')}</Table.Th>
            <Table.Th>{t('dossierRecords.colProposed')}</Table.Th>
            <Table.Th>{t('dossierRecords.colOpen')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.data.items.map((m) => (
            <Table.Tr key={m.id} data-testid="dossier-match-row">
              <Table.Td>{t(`enums.matchKind.${m.kind}`)}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <ScoreBar score={m.score} />
                  <DecisionBadge decision={m.decision} />
                </Group>
              </Table.Td>
              <Table.Td>
                <StatusBadge kind="matchStatus" status={m.status} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt, lang)}</Table.Td>
              <Table.Td>
                <Link to={paths.match(m.id)} aria-label={t('matches.open', { id: m.id.slice(0, 8) })}>
                  {t('matches.review')}
                </Link>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The cases this dossier is part of (one per confirmed family request). */
export function CasesTab({ dossierId }: { dossierId: string }) {
  const { t, lang } = useLang();
  const q = useDossierCases(dossierId, true);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.items.length === 0) return <Text c="dimmed">{t('dossierRecords.noCases')}</Text>;
  return (
    <Table striped aria-label={t('dossierRecords.casesLabel')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('cases.colCase')}</Table.Th>
          <Table.Th>{t('cases.colStatus')}</Table.Th>
          <Table.Th>{t('cases.colPriority')}</Table.Th>
          <Table.Th>{t('cases.colOpened')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {q.data.items.map((c) => (
          <Table.Tr key={c.id} data-testid="dossier-case-row">
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
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.openedAt, lang)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** What was changed, when and by which party; never the values (the audit trail has reads). */
export function HistoryTab({ dossierId }: { dossierId: string }) {
  const { t, lang } = useLang();
  const q = useDossierHistory(dossierId);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.items.length === 0) return <Text c="dimmed">{t('history.empty')}</Text>;
  const known = ['dossier.create', 'dossier.update', 'dossier.merge', 'dossier.unmerge'];
  return (
    <Table striped aria-label={t('dossierRecords.historyLabel')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('dossierRecords.colWhen')}</Table.Th>
          <Table.Th>{t('dossierRecords.colWhat')}</Table.Th>
          <Table.Th>{t('dossierRecords.colFields')}</Table.Th>
          <Table.Th>{t('dossierRecords.colWho')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {q.data.items.map((e) => (
          <Table.Tr key={e.id} data-testid="dossier-history-row" data-action={e.action}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, lang)}</Table.Td>
            <Table.Td>{known.includes(e.action) ? t(`dossierRecords.action.${e.action.split('.')[1]!}`) : e.action}</Table.Td>
            <Table.Td>{e.fields.length ? e.fields.join(', ') : '—'}</Table.Td>
            <Table.Td>
              {e.actorUserId ? <Actor userId={e.actorUserId} /> : null} {e.partyCode ? `(${e.partyCode})` : t('history.system')}
              {e.reason && (
                <Text size="sm" c="dimmed">
                  {e.reason}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
