import { Anchor, Badge, Button, Group, Loader, Paper, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, type Notification } from '../../api/client.ts';
import { useNotifications } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { onLinkClick } from '../../router.tsx';
import { kindKey, notificationTarget } from './notification-links.ts';

/** The user's own notifications, newest first: what happened, and a link to where it happened. */
export function NotificationsPage() {
  const { t } = useLang();
  const qc = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useMemoryState('notifications-unread', false);
  const query = useNotifications(unreadOnly);
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const refresh = () => qc.invalidateQueries({ queryKey: ['notifications'] });
  const readAll = useMutation({ mutationFn: () => api.markAllNotificationsRead(), onSuccess: refresh });
  const busy = query.isFetching && !query.isFetchingNextPage;

  return (
    <Stack>
      <div>
        <PageTitle mb={0}>{t('notifications.title')}</PageTitle>
        <Text size="sm" c="dimmed">
          {t('notifications.intro')}
        </Text>
      </div>
      <Group justify="space-between">
        <Switch
          label={t('notifications.unreadOnly')}
          checked={unreadOnly}
          onChange={(e) => setUnreadOnly(e.currentTarget.checked)}
        />
        <Button
          variant="default"
          onClick={() => readAll.mutate()}
          loading={readAll.isPending}
          data-testid="read-all"
        >
          {t('notifications.readAll')}
        </Button>
      </Group>
      {readAll.isError && <ErrorAlert error={readAll.error} />}
      <Group gap="xs" role="status" aria-live="polite">
        {busy && <Loader size="xs" aria-hidden />}
        <Text size="sm" c="dimmed">
          {query.isPending
            ? t('app.loading')
            : readAll.isSuccess
              ? t('notifications.marked', { count: readAll.data.marked })
              : t('notifications.shown', { count: items.length })}
        </Text>
      </Group>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess && items.length === 0 && <Text>{t('notifications.empty')}</Text>}
      <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((n) => (
          <li key={n.id}>
            <NotificationItem n={n} />
          </li>
        ))}
      </Stack>
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

function NotificationItem({ n }: { n: Notification }) {
  const { t, lang } = useLang();
  const qc = useQueryClient();
  const read = useMutation({
    mutationFn: () => api.markNotificationRead(n.id),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const target = notificationTarget(n);
  const key = kindKey(n.kind);
  const unread = n.readAt === null;
  const label = key ? t(key) : n.kind;
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="notification"
      data-kind={n.kind}
      data-unread={unread ? 'true' : 'false'}
      style={unread ? { borderLeft: '4px solid var(--mantine-color-blue-8)' } : undefined}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Group gap="xs">
            {unread && (
              <Badge size="xs" color="blue.8" variant="filled" tt="none">
                {t('notifications.new')}
              </Badge>
            )}
            <Text fw={unread ? 700 : 400}>{label}</Text>
          </Group>
          <Text size="xs" c="dimmed">
            {formatDateTime(n.createdAt, lang)} · {t(`notifications.subject.${n.subjectType}`, n.subjectType)}
            {n.subjectId ? ` ${n.subjectId.slice(0, 8)}` : ''}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          {target && (
            <Anchor
              href={target}
              size="sm"
              onClick={(e) => {
                // Following the link reads it.
                if (unread) read.mutate();
                onLinkClick(target)(e);
              }}
            >
              {t('notifications.open')}
            </Anchor>
          )}
          {unread && (
            <Button size="xs" variant="subtle" onClick={() => read.mutate()} loading={read.isPending}>
              {t('notifications.markRead')}
            </Button>
          )}
        </Group>
      </Group>
      {read.isError && <ErrorAlert error={read.error} />}
    </Paper>
  );
}
