import { Anchor, Badge, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useDossier, useVerificationQueue } from '../../api/queries.ts';
import { useCan } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { displayName } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { paths } from '../../route.ts';
import { navigate } from '../../router.tsx';
import { useKnown } from './VerificationPanel.tsx';
import { groupQueue, type QueueGroup } from './verification.ts';

/** A link to a dossier's verification tab (the tab is remembered in memory, never in the URL). */
export function DossierVerificationLink({ id }: { id: string }) {
  const { t, lang } = useLang();
  const d = useDossier(id);
  const [, setTab] = useMemoryState<string>(`dossier-tab:${id}`, 'identity');
  return (
    <Anchor
      href={paths.dossier(id)}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        setTab('verification');
        navigate(paths.dossier(id));
      }}
      fw={600}
      data-testid="queue-link"
    >
      {d.data ? displayName(d.data.names, lang) : t('cases.dossierRef', { id: id.slice(0, 8) })}
    </Anchor>
  );
}

function SubjectLink({ g }: { g: QueueGroup }) {
  const { t } = useLang();
  if (g.subjectType === 'dossier') return <DossierVerificationLink id={g.subjectId} />;
  return (
    <Anchor
      href={paths.case(g.subjectId)}
      onClick={(e) => {
        e.preventDefault();
        navigate(paths.case(g.subjectId));
      }}
      fw={600}
      data-testid="queue-link"
    >
      {t('case.title', { id: g.subjectId.slice(0, 8) })}
    </Anchor>
  );
}

/** What awaits the reader's party's attestation: dossiers and cases, each with its open claims. */
export function VerificationQueuePage() {
  const { t } = useLang();
  const known = useKnown();
  const canSign = useCan('attestation.sign');
  const q = useVerificationQueue();
  const groups = q.data ? groupQueue(q.data.items) : [];
  return (
    <Stack>
      <div>
        <PageTitle mb={0}>{t('verification.queueTitle')}</PageTitle>
        <Text size="sm" c="dimmed">
          {t('verification.queueIntro')}
        </Text>
        {!canSign && (
          <Text size="sm" c="dimmed">
            {t('verification.cannotSign')}
          </Text>
        )}
      </div>
      <Group gap="xs" role="status" aria-live="polite">
        {q.isFetching && <Loader size="xs" aria-hidden />}
        <Text size="sm" c="dimmed">
          {q.isPending
            ? t('app.loading')
            : t('verification.queueCount', {
                count: groups.length,
                more: q.data && q.data.items.length >= 100 ? '+' : '',
              })}
        </Text>
      </Group>
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && groups.length === 0 && <Text>{t('verification.queueEmpty')}</Text>}
      {groups.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="verification-queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('verification.colRecord')}</Table.Th>
                <Table.Th>{t('verification.colKind')}</Table.Th>
                <Table.Th>{t('verification.colClaims')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((g) => (
                <Table.Tr
                  key={`${g.subjectType}:${g.subjectId}`}
                  data-testid="queue-row"
                  data-id={g.subjectId}
                  data-type={g.subjectType}
                >
                  <Table.Td>
                    <SubjectLink g={g} />
                  </Table.Td>
                  <Table.Td>{t(`verification.subject.${g.subjectType}`)}</Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      {g.claims.map((c) => (
                        <Group key={c.claim} gap="xs" wrap="nowrap">
                          <Text size="sm">{known(`verification.claim.${c.claim}`, c.claim)}</Text>
                          <Badge
                            variant="outline"
                            tt="none"
                            color={c.reason === 'not-attested' ? 'gray.7' : 'orange.9'}
                          >
                            {t(`verification.reason.${c.reason}`)}
                          </Badge>
                        </Group>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
