import {
  Anchor,
  Button,
  Card,
  Group,
  List,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import type { Approval } from '../api/client.ts';
import {
  useAgeOutSummary,
  useApprovals,
  useCasework,
  useMatchQueue,
  useReportSummary,
  useRequestCount,
  useUnreadCount,
  useVerificationQueue,
} from '../api/queries.ts';
import { useCan, useSession } from '../auth/session.tsx';
import { Actor } from '../components/Actor.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import { useLang } from '../i18n/useLang.ts';
import { useMemoryState } from '../memory-state.ts';
import { paths } from '../route.ts';
import { navigate, onLinkClick } from '../router.tsx';
import { caseworkCounts, casesInContact, headlineFigures } from './dashboard/dashboard.ts';
import { MonthlyChart } from './dashboard/MonthlyChart.tsx';
import { groupQueue } from './verification/verification.ts';
import { ApprovalActions } from './approvals/ApprovalActions.tsx';
import { MyApprovals } from './approvals/MyApprovals.tsx';
import { approvalSubjectPath, attestationAsked } from './approvals/approvals.ts';

type Count = { count: number; capped: boolean };

export function useFormatCount() {
  const { t, lang } = useLang();
  return (c: Count) =>
    c.capped ? t('dashboard.atLeast', { count: formatNumber(c.count, lang) }) : formatNumber(c.count, lang);
}

type Loaded<T> = { data?: T | undefined; isError: boolean; error: unknown; isPending: boolean };

/** One thing that awaits the reader: a count and the page where it is done. */
function AwaitCard<T>({
  id,
  label,
  query,
  count,
  detail,
  to,
  onOpen,
}: {
  id: string;
  label: string;
  query: Loaded<T>;
  count: (data: T) => Count;
  detail?: (data: T) => ReactNode;
  to: string;
  onOpen?: () => void;
}) {
  const { t } = useLang();
  const fmt = useFormatCount();
  const c = query.data !== undefined ? count(query.data) : null;
  return (
    <Card withBorder padding="md" data-testid="await-card" data-card={id} data-count={c?.count ?? ''}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {c ? (
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <div>
            <Text fz={32} fw={700} lh={1.2} c={c.count > 0 ? undefined : 'dimmed'} data-testid="await-count">
              {fmt(c)}
            </Text>
            {detail && query.data !== undefined && (
              <Text size="xs" c="dimmed">
                {detail(query.data)}
              </Text>
            )}
          </div>
          <Anchor
            href={to}
            onClick={(e) => {
              onOpen?.();
              onLinkClick(to)(e);
            }}
            size="sm"
            fw={600}
            aria-label={t('dashboard.openCard', { what: label })}
          >
            {t('dashboard.open')}
          </Anchor>
        </Group>
      ) : query.isError ? (
        <ErrorAlert error={query.error} />
      ) : (
        <Skeleton h={38} w={90} mt={4} />
      )}
    </Card>
  );
}

function Figure({ label, value }: { label: string; value: number | null | undefined }) {
  const { t, lang } = useLang();
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {value === undefined ? (
        <Skeleton h={38} w={90} mt={4} />
      ) : (
        <Text
          fz={32}
          fw={700}
          lh={1.2}
          data-testid="figure"
          title={value === null ? t('dashboard.suppressed') : undefined}
        >
          {value === null ? '—' : formatNumber(value, lang)}
        </Text>
      )}
    </Card>
  );
}

export function Dashboard() {
  const { t } = useLang();
  const { session } = useSession();
  const can = {
    review: useCan('match.review'),
    sign: useCan('attestation.sign'),
    messages: useCan('message.review'),
    cases: useCan('case.read'),
    notifications: useCan('notification.read'),
    reports: useCan('report.read'),
    approvals: useCan('approval.give'),
  };
  const [, setRequestFilters] = useMemoryState('request-search', { name: '', status: null as string | null });
  const [, setMatchFilters] = useMemoryState('match-queue', { status: 'proposed', kind: null });
  const mineOpen = useRequestCount({ status: 'open', partyId: session.party.id });
  const matches = useMatchQueue({ status: 'proposed' });
  const queue = useVerificationQueue();
  const casework = useCasework({ contacts: can.cases, messages: can.messages }, casesInContact);
  const ageOut = useAgeOutSummary(can.cases);
  const unread = useUnreadCount();
  const summary = useReportSummary(can.reports);
  const counts = casework.data ? caseworkCounts(casework.data.work, session.user.id) : undefined;
  const caseworkQuery = {
    ...casework,
    data: counts && casework.data ? { ...counts, capped: casework.data.capped } : undefined,
  };
  const casesLink = (ids: string[], tab: 'messages' | 'contact') =>
    ids.length === 1 ? paths.case(ids[0]!, tab) : paths.cases;
  const figures = summary.data ? headlineFigures(summary.data) : undefined;

  return (
    <Stack gap="lg">
      <PageTitle mb={0}>{t('dashboard.welcome', { name: session.user.displayName })}</PageTitle>
      <Paper withBorder p="md" component="section" aria-labelledby="awaits">
        <Title order={2} size="h4" id="awaits" mb="sm">
          {t('dashboard.awaits')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          <AwaitCard
            id="open-requests"
            label={t('dashboard.card.openRequests')}
            query={mineOpen}
            count={(d) => d}
            to={paths.requests}
            onOpen={() => setRequestFilters({ name: '', status: 'open' })}
          />
          {can.review && (
            <AwaitCard
              id="matches"
              label={t('dashboard.card.matches')}
              query={matches}
              count={(d) => ({ count: d.items.length, capped: d.items.length >= 200 })}
              to={paths.matches}
              onOpen={() => setMatchFilters({ status: 'proposed', kind: null })}
            />
          )}
          {can.sign && (
            <AwaitCard
              id="attestations"
              label={t('dashboard.card.attestations')}
              query={queue}
              count={(d) => ({ count: groupQueue(d.items).length, capped: d.items.length >= 100 })}
              detail={(d) =>
                t('dashboard.card.claims', { count: d.items.length >= 100 ? '100+' : d.items.length })
              }
              to={paths.verification}
            />
          )}
          {can.messages && (
            <AwaitCard
              id="messages"
              label={t('dashboard.card.messages')}
              query={caseworkQuery}
              count={(d) => ({ count: d.messagesToReview, capped: false })}
              detail={(d) => t('dashboard.card.inCases', { count: d.messageCases.length })}
              to={counts ? casesLink(counts.messageCases, 'messages') : paths.cases}
            />
          )}
          {can.cases && (
            <AwaitCard
              id="overdue-contacts"
              label={t('dashboard.card.overdueContacts')}
              query={caseworkQuery}
              count={(d) => ({ count: d.overdueContacts, capped: false })}
              detail={(d) =>
                d.capped
                  ? t('dashboard.card.firstCases', { count: 50 })
                  : t('dashboard.card.inCases', { count: d.overdueCases.length })
              }
              to={counts ? casesLink(counts.overdueCases, 'contact') : paths.cases}
            />
          )}
          {can.cases && (
            <AwaitCard
              id="age-out"
              label={t('dashboard.card.ageOut')}
              query={ageOut}
              count={(d) => ({ count: d.overdue, capped: false })}
              detail={(d) => t('dashboard.card.ageOutDetail', { overdue: d.overdue, eligible: d.eligible })}
              to={paths.ageOut}
            />
          )}
          {can.notifications && (
            <AwaitCard
              id="notifications"
              label={t('dashboard.card.notifications')}
              query={unread}
              count={(d) => ({ count: d.unread, capped: false })}
              to={paths.notifications}
            />
          )}
        </SimpleGrid>
        {can.approvals && <Approvals />}
        {can.approvals && <MyApprovals />}
      </Paper>
      {can.reports && (
        <section aria-labelledby="figures">
          <Title order={2} size="h4" id="figures" mb={4}>
            {t('dashboard.figures')}
          </Title>
          {summary.data && (
            <Text size="xs" c="dimmed" mb="sm">
              {t('dashboard.period', {
                from: summary.data.from,
                to: summary.data.to,
                threshold: summary.data.threshold,
              })}
            </Text>
          )}
          {summary.isError && <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
          <SimpleGrid cols={{ base: 2, sm: 3 }}>
            <Figure label={t('dashboard.dossiersTotal')} value={figures?.children} />
            <Figure label={t('dashboard.dossiersOpen')} value={figures?.childrenOpen} />
            <Figure label={t('dashboard.requestsFiled')} value={figures?.requestsFiled} />
            <Figure label={t('dashboard.requestsMatched')} value={figures?.requestsMatched} />
            <Figure label={t('dashboard.casesTotal')} value={figures?.cases} />
            <Figure label={t('dashboard.reunifications')} value={figures?.reunifications} />
          </SimpleGrid>
          {summary.data && (
            <MonthlyChart list={summary.data.requests.filed} title={t('dashboard.filedByMonth')} />
          )}
        </section>
      )}
      <Group>
        <Button component="a" href={paths.dossiers} onClick={onLinkClick(paths.dossiers)} size="md">
          {t('dashboard.startSearch')}
        </Button>
        <Button
          component="a"
          href={paths.newRequest}
          onClick={onLinkClick(paths.newRequest)}
          size="md"
          variant="outline"
        >
          {t('dashboard.startRequest')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Confirmations waiting for a second person (two-person rule) that the reader may give. */
function Approvals() {
  const { t, lang } = useLang();
  const q = useApprovals(true);
  const known = (act: string) => {
    const s = t(`dashboard.approvalAct.${act}`, { defaultValue: '\u0000' });
    return s === '\u0000' ? act : s;
  };
  return (
    <section aria-labelledby="approvals-title" data-testid="approvals">
      <Title order={3} size="h5" id="approvals-title" mt="md" mb="xs">
        {t('dashboard.approvals')}
      </Title>
      {q.isPending && <Skeleton h={24} w="50%" />}
      {q.isError && <ErrorAlert error={q.error} />}
      {q.data && q.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('dashboard.approvalsNone')}
        </Text>
      )}
      {q.data && q.data.items.length > 0 && (
        <List size="sm" spacing={4}>
          {q.data.items.map((a) => {
            const to = approvalSubjectPath(a);
            return (
              <List.Item key={a.id} data-testid="approval" data-subject={a.subjectId}>
                {to ? (
                  <Anchor
                    href={to}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(to);
                    }}
                    fw={600}
                  >
                    {known(a.act)}
                  </Anchor>
                ) : (
                  <Text span fw={600}>
                    {known(a.act)}
                  </Text>
                )}{' '}
                — {t('dashboard.approvalBy')} <Actor userId={a.firstUserId} />,{' '}
                {formatDateTime(a.firstAt, lang)} ·{' '}
                {t('dashboard.approvalExpires', { date: formatDateTime(a.expiresAt, lang) })}
                <AttestationAsked approval={a} />
                {a.firstReason && (
                  <Text size="xs" c="dimmed">
                    {t('match.reasonGiven', { reason: a.firstReason })}
                  </Text>
                )}
                <Group gap="xs" mt={4} mb="xs">
                  <ApprovalActions approval={a} size="xs" />
                </Group>
              </List.Item>
            );
          })}
        </List>
      )}
    </section>
  );
}

/** For a statement awaiting its second verifier: the claim and decision that approving signs. */
function AttestationAsked({ approval }: { approval: Approval }) {
  const { t } = useLang();
  const asked = attestationAsked(approval);
  if (!asked) return null;
  return (
    <Text size="xs" data-testid="approval-attestation">
      {t(`verification.claim.${asked.claim}`, { defaultValue: asked.claim })} —{' '}
      {t(`verification.decision.${asked.decision}`, { defaultValue: asked.decision })}
    </Text>
  );
}
