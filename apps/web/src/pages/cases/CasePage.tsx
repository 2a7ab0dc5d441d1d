import { Alert, Grid, Group, Paper, Skeleton, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import type { CaseDetail } from '@homeward/contracts';
import { ApiError } from '../../api/client.ts';
import { useCase, useDossier, useTracingRequest } from '../../api/queries.ts';
import { useCan } from '../../auth/session.tsx';
import { Actor } from '../../components/Actor.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { displayName, formatDateTime, formatPartialDate } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { caseTabs, paths, type CaseTab } from '../../route.ts';
import { Link, navigate } from '../../router.tsx';
import { ContactSection } from './contact/ContactSection.tsx';
import { MessagesSection } from './MessagesSection.tsx';
import { ReunificationSection } from './reunification/ReunificationSection.tsx';
import { CaseActions } from './CaseActions.tsx';
import { PriorityBadge } from './CaseListPage.tsx';
import { CaseStepper } from './CaseStepper.tsx';
import { CaseVerification } from './CaseVerification.tsx';

export function CasePage({ id, tab = 'overview' }: { id: string; tab?: CaseTab }) {
  const { t } = useLang();
  const q = useCase(id);
  return (
    <Stack>
      <Link to={paths.cases} size="sm">
        ← {t('nav.cases')}
      </Link>
      {q.isPending && <Skeleton h={320} role="status" aria-label={t('app.loading')} />}
      {q.isError &&
        (q.error instanceof ApiError && q.error.status === 404 ? (
          <Alert color="gray.8" variant="outline" role="alert">
            {t('cases.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
        ))}
      {q.data && <CaseView c={q.data} tab={tab} onReload={() => void q.refetch()} />}
    </Stack>
  );
}

function CaseView({ c, tab, onReload }: { c: CaseDetail; tab: CaseTab; onReload: () => void }) {
  const { t, lang } = useLang();
  const canWrite = useCan('case.write');
  return (
    <>
      <div>
        <Group gap="sm">
          <PageTitle mb={0}>{t('case.title', { id: c.id.slice(0, 8) })}</PageTitle>
          <StatusBadge kind="caseStatus" status={c.status} />
          {c.priority === 'age-out' && <PriorityBadge priority={c.priority} />}
        </Group>
        <Text size="sm" c="dimmed">
          {t('case.openedOn', { date: formatDateTime(c.openedAt, lang) })} ·{' '}
          {t('dossier.recordInfo', { version: c.version, date: formatDateTime(c.updatedAt, lang) })}
          {c.side && ` · ${t(`case.side.${c.side}`)}`}
        </Text>
      </div>
      <Paper withBorder p="md" component="section" aria-labelledby="progress-title">
        <Title order={2} size="h4" id="progress-title" mb="sm">
          {t('case.progress')}
        </Title>
        <CaseStepper c={c} />
        {c.statusReason && (
          <Text size="sm" mt="sm">
            {t('case.statusReason', { reason: c.statusReason })}
          </Text>
        )}
      </Paper>
      {/* Each section has its own path (/cases/:id/contact…) so notifications can point at it. */}
      <Tabs
        value={tab}
        onChange={(v) => v && navigate(paths.case(c.id, v as CaseTab), { replace: true, keepScroll: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('case.sections')}>
          {caseTabs.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`case-tab-${k}`}>
              {t(`case.tab.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack>
                <section aria-labelledby="actions-title">
                  <Title order={2} size="h4" id="actions-title" mb="xs">
                    {t('case.actions')}
                  </Title>
                  {canWrite ? (
                    <CaseActions c={c} onReload={onReload} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('case.noWrite')}
                    </Text>
                  )}
                </section>
                <section aria-labelledby="case-history-title">
                  <Title order={2} size="h4" id="case-history-title" mb="xs">
                    {t('case.history')}
                  </Title>
                  <CaseHistory c={c} />
                </section>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack>
                <CaseRecords c={c} />
                <CaseVerification c={c} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="contact" pt="md">
          <ContactSection c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="messages" pt="md">
          <MessagesSection c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="reunification" pt="md">
          <ReunificationSection c={c} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function CaseHistory({ c }: { c: CaseDetail }) {
  const { t, lang } = useLang();
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table withTableBorder data-testid="case-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('case.colWhen')}</Table.Th>
            <Table.Th>{t('case.colChange')}</Table.Th>
            <Table.Th>{t('case.colWho')}</Table.Th>
            <Table.Th>{t('case.colReason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...c.history].reverse().map((e, i) => (
            <Table.Tr key={i}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, lang)}</Table.Td>
              <Table.Td>
                {e.from ? `${t(`enums.caseStatus.${e.from}`)} → ` : `${t('case.opened')} → `}
                <b>{t(`enums.caseStatus.${e.to}`)}</b>
              </Table.Td>
              <Table.Td>
                <Actor userId={e.actorUserId} />
              </Table.Td>
              <Table.Td className="pre-wrap">{e.reason ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The dossier and the request, each read through its own access rules (names never in the URL). */
function CaseRecords({ c }: { c: CaseDetail }) {
  const { t, lang } = useLang();
  const dossier = useDossier(c.dossierId);
  const request = useTracingRequest(c.requestId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="records-title">
      <Title order={2} size="h4" id="records-title" mb="xs">
        {t('case.records')}
      </Title>
      <Stack gap="sm">
        <div data-testid="case-dossier">
          <Text size="xs" c="dimmed">
            {t('case.child')}
          </Text>
          <Link to={paths.dossier(c.dossierId)} fw={600}>
            {dossier.data
              ? displayName(dossier.data.names, lang)
              : t('cases.dossierRef', { id: c.dossierId.slice(0, 8) })}
          </Link>
          {dossier.data?.birthDate && (
            <Text size="xs">{formatPartialDate(dossier.data.birthDate, lang)}</Text>
          )}
        </div>
        <div data-testid="case-request">
          <Text size="xs" c="dimmed">
            {t('case.request')}
          </Text>
          <Link to={paths.request(c.requestId)} fw={600}>
            {request.data
              ? displayName(request.data.sought.names, lang)
              : t('cases.requestRef', { id: c.requestId.slice(0, 8) })}
          </Link>
          {request.data && (
            <Text size="xs">
              {t('fields.filedOn')}: {formatPartialDate(request.data.filedOn, lang)}
            </Text>
          )}
        </div>
        {c.matchProposalId && (
          <Link to={paths.match(c.matchProposalId)} size="sm">
            {t('case.matchLink')}
          </Link>
        )}
      </Stack>
    </Paper>
  );
}
