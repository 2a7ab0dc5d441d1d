import { ActionIcon, Badge } from '@mantine/core';
import { useUnreadCount } from '../api/queries.ts';
import { useLang } from '../i18n/useLang.ts';
import { bellCount } from '../pages/notifications/notification-links.ts';
import { paths } from '../route.ts';
import { onLinkClick } from '../router.tsx';

function BellIcon() {
  return (
    <svg width={20} height={20} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

/** The header's bell: the unread count, asked for every minute, and the way to the list. */
export function NotificationBell({ active }: { active: boolean }) {
  const { t } = useLang();
  const unread = useUnreadCount();
  const count = bellCount(unread.data?.unread);
  const label = count
    ? t('notifications.bellUnread', { count: unread.data?.unread ?? 0 })
    : t('notifications.bell');
  return (
    <span style={{ position: 'relative', display: 'inline-flex' }}>
      <ActionIcon
        component="a"
        href={paths.notifications}
        onClick={onLinkClick(paths.notifications)}
        variant={active ? 'filled' : 'subtle'}
        color="blue.9"
        size="lg"
        aria-label={label}
        title={label}
        aria-current={active ? 'page' : undefined}
        data-testid="notification-bell"
      >
        <BellIcon />
      </ActionIcon>
      {count && (
        <Badge
          size="xs"
          variant="filled"
          color="red.9"
          px={4}
          data-testid="bell-count"
          aria-hidden="true"
          style={{ position: 'absolute', top: -4, right: -6, pointerEvents: 'none' }}
        >
          {count}
        </Badge>
      )}
    </span>
  );
}
