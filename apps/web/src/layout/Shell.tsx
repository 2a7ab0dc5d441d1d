import {
  Anchor,
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { adminPermissions, hasPermission, type WebPermission } from '../auth/permissions.ts';
import { useSession } from '../auth/session.tsx';
import { useLang } from '../i18n/useLang.ts';
import { paths, type Route } from '../route.ts';
import { onLinkClick } from '../router.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';

/**
 * Navigation lists only pages backed by an API today, and only those the user's roles may use
 * (`needs`, or any of `needsAny`). Reunification and contact live on the case page.
 */
const nav = [
  {
    key: 'dashboard',
    to: paths.dashboard,
    label: 'nav.dashboard',
    active: (r: Route) => r.name === 'dashboard',
  },
  {
    key: 'dossiers',
    to: paths.dossiers,
    label: 'nav.dossiers',
    active: (r: Route) => r.name === 'dossiers' || r.name === 'dossier',
  },
  {
    key: 'requests',
    to: paths.requests,
    label: 'nav.requests',
    active: (r: Route) => r.name === 'requests' || r.name === 'request',
  },
  {
    key: 'newRequest',
    to: paths.newRequest,
    label: 'nav.newRequest',
    active: (r: Route) => r.name === 'newRequest',
  },
  {
    key: 'matches',
    to: paths.matches,
    label: 'nav.matches',
    active: (r: Route) => r.name === 'matches' || r.name === 'match',
    needs: 'match.read',
  },
  {
    key: 'cases',
    to: paths.cases,
    label: 'nav.cases',
    active: (r: Route) => r.name === 'cases' || r.name === 'case',
    needs: 'case.read',
  },
  {
    key: 'ageOut',
    to: paths.ageOut,
    label: 'nav.ageOut',
    active: (r: Route) => r.name === 'ageOut' || r.name === 'ageOutEntry',
    needs: 'case.read',
  },
  {
    key: 'notifications',
    to: paths.notifications,
    label: 'nav.notifications',
    active: (r: Route) => r.name === 'notifications',
    needs: 'notification.read',
  },
  {
    key: 'verification',
    to: paths.verification,
    label: 'nav.verification',
    active: (r: Route) => r.name === 'verification',
    needs: 'attestation.read',
  },
  {
    key: 'reports',
    to: paths.reports,
    label: 'nav.reports',
    active: (r: Route) => r.name === 'reports',
    needs: 'report.read',
  },
  {
    key: 'contactReport',
    to: paths.contactReport,
    label: 'nav.contactReport',
    active: (r: Route) => r.name === 'contactReport',
    needs: 'report.read',
  },
  {
    key: 'audit',
    to: paths.audit,
    label: 'nav.audit',
    active: (r: Route) => r.name === 'audit',
    needs: 'audit.read',
  },
  {
    key: 'log',
    to: paths.log,
    label: 'nav.log',
    active: (r: Route) => r.name === 'log',
    needs: 'log.read',
  },
  {
    key: 'sharing',
    to: paths.sharing,
    label: 'sharing.nav',
    active: (r: Route) => r.name === 'sharing' || r.name === 'sharingRequest',
    needs: 'party.read',
  },
  {
    key: 'exports',
    to: paths.exports,
    label: 'exports.nav',
    active: (r: Route) => r.name === 'exports',
    needs: 'export.own',
  },
  {
    key: 'admin',
    to: paths.admin,
    label: 'nav.admin',
    active: (r: Route) => r.name === 'admin',
    needsAny: adminPermissions,
  },
] as const satisfies ReadonlyArray<{
  key: string;
  to: string;
  label: string;
  active: (r: Route) => boolean;
  needs?: WebPermission;
  needsAny?: readonly WebPermission[];
}>;

function mayOpen(
  roles: Parameters<typeof hasPermission>[0],
  item: { needs?: WebPermission; needsAny?: readonly WebPermission[] },
) {
  if (item.needs && !hasPermission(roles, item.needs)) return false;
  if (item.needsAny && !item.needsAny.some((p) => hasPermission(roles, p))) return false;
  return true;
}

export function Shell({ route, children }: { route: Route; children: ReactNode }) {
  const { t } = useLang();
  const { session, logout } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: { md: 240, lg: 260 }, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              aria-label={t('nav.openMenu')}
              aria-expanded={opened}
            />
            <Text component="a" href="/" onClick={onLinkClick('/')} fw={700} size="lg" c="blue.9" td="none">
              {t('app.name')}
            </Text>
            <Text size="sm" c="dimmed" visibleFrom="lg">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {/* With the menu folded away (tablet), who and where I am stays in sight here. */}
            <Group gap={6} hiddenFrom="md" wrap="nowrap">
              <Text size="sm" fw={600} title={session.party.name}>
                {session.party.code}
              </Text>
              {session.user.roles.slice(0, 1).map((r) => (
                <Badge key={r} variant="outline" color="blue.9" tt="none">
                  {t(`enums.role.${r}`)}
                </Badge>
              ))}
            </Group>
            {hasPermission(session.user.roles, 'notification.read') && (
              <NotificationBell active={route.name === 'notifications'} />
            )}
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')} component="nav">
        {/* The links scroll when they outgrow the screen, so who I am and “Sign out” stay in sight. */}
        <AppShell.Section grow component={ScrollArea}>
          {nav
            .filter((item) =>
              mayOpen(
                session.user.roles,
                'needs' in item
                  ? { needs: item.needs }
                  : 'needsAny' in item
                    ? { needsAny: item.needsAny }
                    : {},
              ),
            )
            .map((item) => (
              <NavLink
                key={item.key}
                href={item.to}
                label={t(item.label)}
                active={item.active(route)}
                aria-current={item.active(route) ? 'page' : undefined}
                onClick={(e) => {
                  onLinkClick(item.to)(e);
                  close();
                }}
                variant="filled"
              />
            ))}
        </AppShell.Section>
        <AppShell.Section>
          <Stack
            gap={6}
            p="xs"
            data-testid="who-am-i"
            style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
          >
            <Text size="sm" fw={600}>
              <VisuallyHidden>{t('header.signedInAs', { name: '' })}</VisuallyHidden>
              {session.user.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {session.user.email}
            </Text>
            <div>
              <Text size="xs" c="dimmed">
                {t('header.party')}
              </Text>
              <Text size="sm" data-testid="party-name">
                {session.party.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`enums.partyKind.${session.party.kind}`)} · {session.party.code}
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('header.roles')}
              </Text>
              <Group gap={4} mt={2}>
                {session.user.roles.map((r) => (
                  <Badge key={r} variant="outline" color="blue.9" tt="none" data-testid="role">
                    {t(`enums.role.${r}`)}
                  </Badge>
                ))}
              </Group>
            </div>
            {session.twoFactor === 'not-required' && (
              <Anchor href={paths.twoFactor} onClick={onLinkClick(paths.twoFactor)} size="xs">
                {t('twoFactor.setUp')}
              </Anchor>
            )}
            <Button variant="default" size="xs" mt={4} onClick={() => void logout()}>
              {t('header.signOut')}
            </Button>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <div style={{ maxWidth: 1200 }}>{children}</div>
      </AppShell.Main>
    </AppShell>
  );
}
