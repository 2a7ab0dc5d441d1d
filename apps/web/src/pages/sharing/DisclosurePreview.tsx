import { Alert, Badge, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { expandDataPoints } from '@homeward/contracts';
import type { TracingRequestView } from '../../api/client.ts';
import { useTracingRequest } from '../../api/queries.ts';
import { useDisclosurePreviews, useSharingParties, type SharingParty } from '../../api/sharing.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { useSelectorLabel } from './PolicyMatrix.tsx';
import { requestDataPoints, seenBy, type Seen } from './sharing.ts';

const seenColor: Record<Seen, string> = {
  shown: 'teal.9',
  withheld: 'gray.7',
  empty: 'gray.6',
  hidden: 'red.9',
};

/**
 * A request as each other party would read it (the server applies the policy and the filing
 * party's disclosure choice): data point by party, whether it sees it. The filing party only.
 */
export function DisclosurePreview({ requestId }: { requestId: string }) {
  const { t } = useLang();
  const { session } = useSession();
  const q = useTracingRequest(requestId);
  const parties = useSharingParties();
  const own = q.data?.partyId === session.party.id;
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="preview-title"
      data-testid="disclosure-preview"
    >
      <Title order={2} size="h4" id="preview-title" mb={4}>
        {t('sharing.preview.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm" maw="75ch">
        {t('sharing.preview.intro')}
      </Text>
      {(q.isPending || parties.isPending) && <Skeleton h={160} role="status" aria-label={t('app.loading')} />}
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {parties.isError && <ErrorAlert error={parties.error} onRetry={() => void parties.refetch()} />}
      {q.data && !own && (
        <Alert color="gray.8" variant="outline">
          {t('sharing.preview.notOwn')}
        </Alert>
      )}
      {q.data && own && parties.data && (
        <PreviewTable request={q.data} others={parties.data.items.filter((p) => p.id !== session.party.id)} />
      )}
    </Paper>
  );
}

function PreviewTable({ request, others }: { request: TracingRequestView; others: SharingParty[] }) {
  const { t } = useLang();
  const selector = useSelectorLabel();
  const previews = useDisclosurePreviews(
    request.id,
    others.map((p) => p.code),
  );
  const choice = Object.entries(request.disclosure ?? {});
  if (others.length === 0) return <Text size="sm">{t('sharing.preview.noParties')}</Text>;
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={600}>
          {t('sharing.preview.choice')}
        </Text>
        {choice.length === 0 ? (
          <Text size="sm">{t('sharing.preview.noChoice')}</Text>
        ) : (
          choice.map(([to, points]) => (
            <Text key={to} size="sm">
              {selector(to)}:{' '}
              {expandDataPoints(points)
                .map((p) => t(`sharing.dataPoint.${p}`))
                .join(', ') || t('sharing.preview.nothing')}
            </Text>
          ))
        )}
      </div>
      {previews.map((p, i) => p.isError && <ErrorAlert key={others[i]!.code} error={p.error} />)}
      <Table.ScrollContainer minWidth={280 + others.length * 160}>
        <Table withTableBorder withColumnBorders data-testid="preview-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('sharing.colDataPoint')}</Table.Th>
              {others.map((party, i) => {
                const data = previews[i]?.data;
                return (
                  <Table.Th
                    key={party.code}
                    scope="col"
                    data-party={party.code}
                    data-visible={data ? String(data.visible) : ''}
                  >
                    <Text size="sm" fw={600} title={party.name}>
                      {party.code}
                    </Text>
                    <Text size="xs" c={data && !data.visible ? 'red.9' : 'dimmed'}>
                      {data
                        ? data.visible
                          ? t('sharing.preview.seesRequest')
                          : t('sharing.preview.doesNotSee')
                        : '…'}
                    </Text>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {requestDataPoints.map((d) => (
              <Table.Tr key={d} data-point={d}>
                <Table.Th scope="row" fw={400}>
                  {t(`sharing.dataPoint.${d}`)}
                </Table.Th>
                {others.map((party, i) => {
                  const data = previews[i]?.data;
                  const seen = data ? seenBy(request, data)[d]! : null;
                  return (
                    <Table.Td key={party.code} data-party={party.code} data-seen={seen ?? ''}>
                      {seen ? (
                        <Badge
                          color={seenColor[seen]}
                          variant={seen === 'shown' ? 'filled' : 'outline'}
                          tt="none"
                        >
                          {t(`sharing.preview.seen.${seen}`)}
                        </Badge>
                      ) : (
                        <Skeleton h={20} w={80} />
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
