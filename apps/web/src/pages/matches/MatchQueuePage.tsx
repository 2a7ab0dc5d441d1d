import { Badge, Grid, Group, Loader, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { MatchKind, MatchStatus } from '../../api/client.ts';
import { useMatchQueue } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ScoreBar } from '../../components/ScoreBar.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { paths } from '../../route.ts';
import { Link, navigate } from '../../router.tsx';
import { moveSelection, shortcutOf } from '../../components/shortcuts.ts';
import { ShortcutHelp } from '../../components/ShortcutHelp.tsx';

export const matchStatuses: MatchStatus[] = [
  'proposed',
  'awaiting-second',
  'confirmed',
  'rejected',
  'superseded',
];
export const matchKinds: MatchKind[] = ['request-dossier', 'dossier-dossier'];

/** The review queue: ids and scores only (the server sends no names here), most probable first. */
export function MatchQueuePage() {
  const { t, lang } = useLang();
  const [f, setF] = useMemoryState<{ status: MatchStatus; kind: MatchKind | null }>('match-queue', {
    status: 'proposed',
    kind: null,
  });
  const query = useMatchQueue({ status: f.status, kind: f.kind ?? undefined });
  const items = query.data?.items ?? [];
  const busy = query.isFetching;
  const [selected, setSelected] = useState(-1);
  const table = useRef<HTMLTableElement>(null);
  const latest = useRef({ items, selected });
  latest.current = { items, selected };

  // j/k move through the queue (focusing the row's link, so Enter opens it as any link would).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = shortcutOf(e, ['j', 'k', 'Enter']);
      if (!key) return;
      const { items, selected } = latest.current;
      if (key === 'Enter') {
        const focusedLink = (e.target as HTMLElement | null)?.closest?.('a,button');
        if (focusedLink || selected < 0 || !items[selected]) return;
        e.preventDefault();
        navigate(paths.match(items[selected].id));
        return;
      }
      e.preventDefault();
      const next = moveSelection(selected, items.length, key as 'j' | 'k');
      setSelected(next);
      const link = table.current?.querySelectorAll<HTMLAnchorElement>('[data-testid="match-row"] a')[next];
      link?.focus();
      link?.closest('tr')?.scrollIntoView({ block: 'nearest' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Stack>
      <div>
        <PageTitle mb={0}>{t('matches.title')}</PageTitle>
        <Text size="sm" c="dimmed">
          {t('matches.intro')}
        </Text>
      </div>
      <Grid align="flex-end">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label={t('matches.status')}
            data={matchStatuses.map((s) => ({ value: s, label: t(`enums.matchStatus.${s}`) }))}
            value={f.status}
            onChange={(v) => v && setF((p) => ({ ...p, status: v as MatchStatus }))}
            allowDeselect={false}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label={t('matches.kind')}
            placeholder={t('matches.anyKind')}
            data={matchKinds.map((k) => ({ value: k, label: t(`enums.matchKind.${k}`) }))}
            value={f.kind}
            onChange={(v) => setF((p) => ({ ...p, kind: v as MatchKind | null }))}
            clearable
          />
        </Grid.Col>
      </Grid>
      <Group justify="space-between">
        <Group gap="xs" role="status" aria-live="polite">
          {busy && <Loader size="xs" aria-hidden />}
          <Text size="sm" c="dimmed">
            {query.isPending ? t('app.loading') : t('matches.shown', { count: items.length })}
          </Text>
        </Group>
        <ShortcutHelp
          items={[
            { keys: ['j', 'k'], label: t('shortcuts.move') },
            { keys: ['Enter'], label: t('shortcuts.open') },
          ]}
        />
      </Group>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && items.length === 0 && <Text>{t('matches.empty')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover style={{ opacity: busy ? 0.6 : 1 }} ref={table}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('matches.colKind')}</Table.Th>
                <Table.Th>{t('matches.colScore')}</Table.Th>
                <Table.Th>{t('matches.colDecision')}</Table.Th>
                <Table.Th>{t('matches.colStatus')}</Table.Th>
                <Table.Th>{t('matches.colCreated')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('matches.review')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m, i) => (
                <Table.Tr
                  key={m.id}
                  data-testid="match-row"
                  data-id={m.id}
                  data-selected={i === selected || undefined}
                  style={
                    i === selected
                      ? { outline: '2px solid var(--mantine-color-blue-8)', outlineOffset: -2 }
                      : undefined
                  }
                >
                  <Table.Td>{t(`enums.matchKind.${m.kind}`)}</Table.Td>
                  <Table.Td>
                    <ScoreBar score={m.score} />
                  </Table.Td>
                  <Table.Td>
                    <DecisionBadge decision={m.decision} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge kind="matchStatus" status={m.status} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt, lang)}</Table.Td>
                  <Table.Td>
                    <Link
                      to={paths.match(m.id)}
                      onFocus={() => setSelected(i)}
                      fw={600}
                      aria-label={t('matches.open', { id: m.id.slice(0, 8) })}
                    >
                      {t('matches.review')}
                    </Link>
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

export function DecisionBadge({ decision }: { decision: 'match' | 'possible' }) {
  const { t } = useLang();
  return (
    <Badge variant="outline" color={decision === 'match' ? 'teal.9' : 'blue.9'} tt="none">
      {t(`enums.matchDecision.${decision}`)}
    </Badge>
  );
}
