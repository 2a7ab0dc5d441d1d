import { Stack, Tabs, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useCan } from '../../auth/session.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { AlertsTab } from './AlertsTab.tsx';
import { TokensTab } from './TokensTab.tsx';
import { UsersTab } from './UsersTab.tsx';
import { WebhooksTab } from './WebhooksTab.tsx';

type Section = 'tokens' | 'users' | 'webhooks' | 'alerts';

/** Administration: API tokens, user accounts, webhooks and security alerts, each for the roles that may manage it. */
export function AdminPage() {
  const { t } = useLang();
  const allowed: Record<Section, boolean> = {
    tokens: useCan('token.admin'),
    users: useCan('user.admin'),
    webhooks: useCan('webhook.admin'),
    alerts: useCan('audit.read'),
  };
  const sections = (['tokens', 'users', 'webhooks', 'alerts'] as const).filter((s) => allowed[s]);
  const [tab, setTab] = useMemoryState<string>('admin-tab', sections[0] ?? 'tokens');
  if (sections.length === 0)
    return (
      <Stack>
        <PageTitle>{t('admin.title')}</PageTitle>
        <Text>{t('admin.noAccess')}</Text>
      </Stack>
    );
  const label = (s: Section) => (s === 'users' ? t('users.tab') : t(`admin.tab.${s}`));
  const panels: Record<Section, ReactNode> = {
    tokens: <TokensTab />,
    users: <UsersTab />,
    webhooks: <WebhooksTab />,
    alerts: <AlertsTab />,
  };
  return (
    <Stack>
      <div>
        <PageTitle mb={0}>{t('admin.title')}</PageTitle>
        <Text size="sm" c="dimmed">
          {t('users.adminIntro')}
        </Text>
      </div>
      <Tabs
        value={(sections as readonly string[]).includes(tab) ? tab : sections[0]!}
        onChange={(v) => v && setTab(v)}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('admin.sections')}>
          {sections.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {label(s)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {sections.map((s) => (
          <Tabs.Panel key={s} value={s} pt="md">
            {panels[s]}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
