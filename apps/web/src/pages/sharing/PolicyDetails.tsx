import { Badge, Code, Group, Paper, SimpleGrid, Skeleton, Table, Text, Title } from '@mantine/core';
import { usePolicyLog, useSharingParties, type SharingPolicy } from '../../api/sharing.ts';
import { useCan } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Field, Fields } from '../../components/Fields.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';
import { agreementStatus, type PolicyVersion } from './sharing.ts';

const short = (s: string, n = 12) => (s.length > n ? `${s.slice(0, n)}…` : s);
const statusColor: Record<string, string> = { active: 'teal.9', proposed: 'blue.8', superseded: 'gray.7' };

/** What a version is: its status, fingerprint and dates, which parties agreed (signed), and its log entries. */
export function PolicyDetails({
  version,
  builtInInForce,
}: {
  version: PolicyVersion;
  builtInInForce: boolean;
}) {
  const { t, lang } = useLang();
  const p = version.policy;
  const statusName = p
    ? t(`sharing.statusName.${p.status}`)
    : builtInInForce
      ? t('sharing.statusName.builtInInForce')
      : t('sharing.statusName.builtIn');
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Paper withBorder p="md" component="section" aria-labelledby="version-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="version-title">
            {t('sharing.version')} {version.key}
          </Title>
          <Badge
            color={p ? (statusColor[p.status] ?? 'gray.7') : builtInInForce ? 'teal.9' : 'gray.7'}
            variant="filled"
            tt="none"
            data-testid="policy-status"
            data-status={p?.status ?? 'built-in'}
          >
            {statusName}
          </Badge>
        </Group>
        <Fields>
          <Field label={t('sharing.description')} value={version.document.description} />
          <Field
            label={t('sharing.covers')}
            value={
              version.document.parties.length
                ? version.document.parties.join(', ')
                : t('sharing.coversBuiltIn')
            }
          />
          {p && (
            <Field label={t('sharing.hash')} value={<Code title={p.sha256}>{short(p.sha256, 16)}</Code>} />
          )}
          {p && <Field label={t('sharing.proposedAt')} value={formatDateTime(p.proposedAt, lang)} />}
          {p && <Field label={t('sharing.activatedAt')} value={formatDateTime(p.activatedAt, lang)} />}
        </Fields>
        <Title order={3} size="h5" mt="md" mb="xs">
          {t('sharing.agreements')}
        </Title>
        {p ? <Agreements policy={p} /> : <Text size="sm">{t('sharing.agreementsNone')}</Text>}
      </Paper>
      <PolicyLog policy={p} />
    </SimpleGrid>
  );
}

function Agreements({ policy }: { policy: SharingPolicy }) {
  const { t, lang } = useLang();
  return (
    <Table withTableBorder data-testid="policy-agreements">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('sharing.colParty')}</Table.Th>
          <Table.Th>{t('sharing.colAgreed')}</Table.Th>
          <Table.Th>{t('sharing.colKey')}</Table.Th>
          <Table.Th>{t('sharing.colSignature')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {agreementStatus(policy).map(({ code, agreement: a }) => (
          <Table.Tr key={code} data-party={code} data-agreed={a ? 'yes' : 'no'}>
            <Table.Td>{code}</Table.Td>
            <Table.Td>
              {a ? (
                formatDateTime(a.agreedAt, lang)
              ) : (
                <Text span c="orange.9" size="sm">
                  {t('sharing.waiting')}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{a && <Code title={a.keyId}>{short(a.keyId)}</Code>}</Table.Td>
            <Table.Td>{a && <Code title={a.signature}>{short(a.signature)}</Code>}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The version's entries in the transparency log (readers with log access; every role has it today). */
function PolicyLog({ policy }: { policy: SharingPolicy | null }) {
  const { t, lang } = useLang();
  const canRead = useCan('log.read');
  const log = usePolicyLog(policy && canRead ? policy.version : null);
  const parties = useSharingParties();
  const code = (id: unknown) =>
    parties.data?.items.find((p) => p.id === id)?.code ?? (typeof id === 'string' ? short(id, 8) : '—');
  if (!canRead) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="policy-log-title">
      <Title order={2} size="h4" id="policy-log-title" mb={4}>
        {t('sharing.log')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('sharing.logIntro')} <Link to={paths.log}>{t('nav.log')}</Link>
      </Text>
      {!policy && <Text size="sm">{t('sharing.logNone')}</Text>}
      {log.isPending && policy && <Skeleton h={80} />}
      {log.isError && <ErrorAlert error={log.error} />}
      {log.data && log.data.items.length === 0 && <Text size="sm">{t('sharing.logEmpty')}</Text>}
      {log.data && log.data.items.length > 0 && (
        <Table withTableBorder data-testid="policy-log">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sharing.colIndex')}</Table.Th>
              <Table.Th>{t('sharing.colEvent')}</Table.Th>
              <Table.Th>{t('sharing.colParty')}</Table.Th>
              <Table.Th>{t('sharing.colTime')}</Table.Th>
              <Table.Th>{t('sharing.colLeaf')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.data.items.map((i) => {
              const to = String(i.entry.to ?? '');
              return (
                <Table.Tr key={i.index} data-testid="policy-log-entry" data-event={to}>
                  <Table.Td>#{i.index}</Table.Td>
                  <Table.Td>{t(`sharing.event.${to}`, { defaultValue: to })}</Table.Td>
                  <Table.Td>{code(i.entry.party)}</Table.Td>
                  <Table.Td>
                    {formatDateTime(typeof i.entry.time === 'string' ? i.entry.time : null, lang)}
                  </Table.Td>
                  <Table.Td>
                    <Code title={i.leafHash}>{short(i.leafHash)}</Code>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
