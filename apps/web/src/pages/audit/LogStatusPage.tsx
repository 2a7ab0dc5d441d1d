import {
  Badge,
  Code,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { LogCheckpoint } from '../../api/client.ts';
import { useLogCheckpoint } from '../../api/queries.ts';
import { useCan } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';

const witnessColor: Record<LogCheckpoint['witness']['status'], string> = {
  trusted: 'teal.9',
  'quorum-not-met': 'orange.9',
  stale: 'orange.9',
  'no-witnesses': 'gray.7',
};

/**
 * The transparency log's current checkpoint (size, root, the signed note) and whether independent
 * witnesses have cosigned it, explained in plain words after docs/TRANSPARENCY.md.
 */
export function LogStatusPage() {
  const { t, lang } = useLang();
  const canRead = useCan('log.read');
  const q = useLogCheckpoint();
  return (
    <Stack>
      <div>
        <PageTitle mb={0}>{t('log.title')}</PageTitle>
        <Text size="sm" c="dimmed">
          {t('log.intro')}
        </Text>
      </div>
      {!canRead && <Text>{t('log.noAccess')}</Text>}
      {canRead && q.isPending && <Skeleton h={200} />}
      {canRead && q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Paper withBorder p="md">
                  <Text size="sm" c="dimmed">
                    {t('log.size')}
                  </Text>
                  <Text fz={32} fw={700} lh={1.2} data-testid="log-size">
                    {formatNumber(q.data.size, lang)}
                  </Text>
                </Paper>
                <Paper withBorder p="md">
                  <Text size="sm" c="dimmed">
                    {t('log.witnessStatus')}
                  </Text>
                  <Badge
                    size="lg"
                    mt={6}
                    tt="none"
                    color={witnessColor[q.data.witness.status]}
                    data-testid="witness-status"
                  >
                    {t(`log.witness.${q.data.witness.status}`)}
                  </Badge>
                  <Text size="xs" mt={4}>
                    {t('log.quorum', { quorum: q.data.witness.quorum, witnesses: q.data.witness.witnesses })}
                  </Text>
                </Paper>
              </SimpleGrid>
              <Paper withBorder p="md" component="section" aria-labelledby="log-head">
                <Title order={2} size="h4" id="log-head" mb="xs">
                  {t('log.checkpoint')}
                </Title>
                <Table withRowBorders={false} verticalSpacing={4}>
                  <Table.Tbody>
                    <Table.Tr>
                      <Table.Th w="25%">{t('log.origin')}</Table.Th>
                      <Table.Td ff="monospace" fz="sm">
                        {q.data.origin}
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>{t('log.root')}</Table.Th>
                      <Table.Td
                        ff="monospace"
                        fz="sm"
                        style={{ wordBreak: 'break-all' }}
                        data-testid="log-root"
                      >
                        {q.data.rootHash}
                      </Table.Td>
                    </Table.Tr>
                    <Table.Tr>
                      <Table.Th>{t('log.key')}</Table.Th>
                      <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
                        {q.data.logKey}
                      </Table.Td>
                    </Table.Tr>
                  </Table.Tbody>
                </Table>
                <Text size="sm" fw={600} mt="sm">
                  {t('log.note')}
                </Text>
                <Code block data-testid="log-note" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                  {q.data.witness.cosignedNote || q.data.note}
                </Code>
              </Paper>
              <Paper withBorder p="md" component="section" aria-labelledby="log-witnesses">
                <Title order={2} size="h4" id="log-witnesses" mb="xs">
                  {t('log.cosigners')}
                </Title>
                <Text size="sm" mb="xs">
                  {t(`log.witnessExplain.${q.data.witness.status}`)}
                </Text>
                {q.data.witness.cosigners.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('log.noCosigners')}
                  </Text>
                ) : (
                  <Table withTableBorder verticalSpacing={4}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('log.witnessName')}</Table.Th>
                        <Table.Th>{t('log.cosignedAt')}</Table.Th>
                        <Table.Th>{t('log.fresh')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {q.data.witness.cosigners.map((c) => (
                        <Table.Tr key={c.name}>
                          <Table.Td ff="monospace" fz="sm">
                            {c.name}
                          </Table.Td>
                          <Table.Td>
                            {formatDateTime(new Date(c.timestamp * 1000).toISOString(), lang)}
                          </Table.Td>
                          <Table.Td>{c.fresh ? t('app.yes') : t('app.no')}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
              </Paper>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Paper withBorder p="md" component="section" aria-labelledby="log-explain">
              <Title order={2} size="h4" id="log-explain" mb="xs">
                {t('log.explainTitle')}
              </Title>
              <Stack gap="xs">
                {(['what', 'noPersonal', 'checkpoint', 'witnesses', 'check'] as const).map((k) => (
                  <Text size="sm" key={k}>
                    {t(`log.explain.${k}`)}
                  </Text>
                ))}
                <Group gap={4}>
                  <Text size="sm">{t('log.explainCommand')}</Text>
                  <Code>homeward log verify</Code>
                </Group>
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
