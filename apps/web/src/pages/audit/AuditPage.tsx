import { Autocomplete, Button, Grid, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useAudit } from '../../api/queries.ts';
import { useCan } from '../../auth/session.tsx';
import { Actor } from '../../components/Actor.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { auditQuery, auditRecordTypes, detailLines, emptyAuditFilters, type AuditFilters } from './audit.ts';

const pageSize = 50;

/**
 * The audit trail visible to the reader's party: who did what to which record, when. Filters by
 * action, record type, record id, user and days; pages back in time. Everything is ids and codes.
 */
export function AuditPage() {
  const { t, lang } = useLang();
  const canRead = useCan('audit.read');
  const [draft, setDraft] = useMemoryState<AuditFilters>('audit-draft', emptyAuditFilters);
  const [applied, setApplied] = useMemoryState<AuditFilters>('audit-filters', emptyAuditFilters);
  /** The `before` cursor of each page shown so far; the last is the current page. */
  const [pages, setPages] = useState<Array<number | null>>([null]);
  const before = pages[pages.length - 1] ?? null;
  const q = useAudit(canRead ? auditQuery(applied, before, pageSize) : { limit: 1 });
  const set = (k: keyof AuditFilters) => (v: string) => setDraft((p) => ({ ...p, [k]: v }));

  if (!canRead)
    return (
      <Stack>
        <PageTitle>{t('audit.title')}</PageTitle>
        <Text>{t('audit.noAccess')}</Text>
      </Stack>
    );

  const items = q.data?.items ?? [];
  return (
    <Stack>
      <div>
        <PageTitle mb={0}>{t('audit.title')}</PageTitle>
        <Text size="sm" c="dimmed">
          {t('audit.intro')}
        </Text>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(draft);
          setPages([null]);
        }}
        aria-label={t('audit.filters')}
      >
        <Grid align="flex-end">
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <TextInput
              label={t('audit.action')}
              placeholder="attestation.create"
              value={draft.action}
              onChange={(e) => set('action')(e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <Autocomplete
              label={t('audit.recordType')}
              data={[...auditRecordTypes]}
              value={draft.recordType}
              onChange={set('recordType')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <TextInput
              label={t('audit.recordId')}
              value={draft.recordId}
              onChange={(e) => set('recordId')(e.currentTarget.value)}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 4 }}>
            <TextInput
              label={t('audit.user')}
              description={t('audit.userHint')}
              value={draft.actorUserId}
              onChange={(e) => set('actorUserId')(e.currentTarget.value)}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <TextInput
              type="date"
              label={t('audit.from')}
              value={draft.from}
              onChange={(e) => set('from')(e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 2 }}>
            <TextInput
              type="date"
              label={t('audit.to')}
              value={draft.to}
              onChange={(e) => set('to')(e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Group>
              <Button type="submit">{t('audit.apply')}</Button>
              <Button
                variant="default"
                onClick={() => {
                  setDraft(emptyAuditFilters);
                  setApplied(emptyAuditFilters);
                  setPages([null]);
                }}
              >
                {t('audit.clear')}
              </Button>
            </Group>
          </Grid.Col>
        </Grid>
      </form>
      <Group gap="xs" role="status" aria-live="polite">
        {q.isFetching && <Loader size="xs" aria-hidden />}
        <Text size="sm" c="dimmed">
          {q.isPending ? t('app.loading') : t('audit.shown', { count: items.length, page: pages.length })}
        </Text>
      </Group>
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && items.length === 0 && <Text>{t('audit.empty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table
            striped
            verticalSpacing={4}
            data-testid="audit-table"
            style={{ opacity: q.isFetching ? 0.6 : 1 }}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.colWhen')}</Table.Th>
                <Table.Th>{t('audit.colAction')}</Table.Th>
                <Table.Th>{t('audit.colRecord')}</Table.Th>
                <Table.Th>{t('audit.colWho')}</Table.Th>
                <Table.Th>{t('audit.colFields')}</Table.Th>
                <Table.Th>{t('audit.colDetails')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e) => (
                <Table.Tr
                  key={e.id}
                  data-testid="audit-row"
                  data-action={e.action}
                  data-record-id={e.recordId ?? ''}
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, lang)}</Table.Td>
                  <Table.Td ff="monospace" fz="sm">
                    {e.action}
                  </Table.Td>
                  <Table.Td fz="sm">
                    <Text span ff="monospace" size="sm">
                      {e.recordType}
                    </Text>
                    {e.recordId && (
                      <Text ff="monospace" size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                        {e.recordId}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td fz="sm">
                    <Actor userId={e.actorUserId} />
                  </Table.Td>
                  <Table.Td fz="xs" ff="monospace">
                    {e.fields.join(', ') || '—'}
                  </Table.Td>
                  <Table.Td fz="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {e.reason && <div>{t('audit.reason', { reason: e.reason })}</div>}
                    {detailLines(e.details).map((l) => (
                      <div key={l}>{l}</div>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group>
        <Button variant="default" disabled={pages.length < 2} onClick={() => setPages((p) => p.slice(0, -1))}>
          {t('audit.newer')}
        </Button>
        <Button
          variant="default"
          disabled={!q.data?.nextBefore}
          onClick={() => q.data?.nextBefore && setPages((p) => [...p, q.data.nextBefore])}
        >
          {t('audit.older')}
        </Button>
      </Group>
    </Stack>
  );
}
