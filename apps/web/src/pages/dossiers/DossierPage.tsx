import { Alert, Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { ApiError } from '../../api/client.ts';
import { useDossier } from '../../api/queries.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { displayName, formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';
import { BiographyTab, ServicesTab, SourcesTab } from './DossierTabs.tsx';
import { IdentityTab } from './IdentityTab.tsx';
import { VerificationTab } from './VerificationTab.tsx';
import { PhotosTab } from '../media/PhotosTab.tsx';
import { CasesTab, HistoryTab, MatchesTab } from './DossierRecordTabs.tsx';
import { hasPermission } from '../../auth/permissions.ts';

const baseTabs = ['identity', 'biography', 'services', 'photos', 'verification'] as const;
type Tab = (typeof baseTabs)[number] | 'matches' | 'case' | 'sources' | 'history';

const tabLabel: Record<Tab, string> = {
  identity: 'dossier.identity',
  biography: 'dossier.biography',
  services: 'dossier.services',
  photos: 'dossier.photos',
  verification: 'dossier.verification',
  matches: 'dossierRecords.matches',
  case: 'dossierRecords.case',
  sources: 'dossier.sources',
  history: 'dossierRecords.history',
};

export function DossierPage({ id }: { id: string }) {
  const { t, lang } = useLang();
  const dossier = useDossier(id);
  const { session } = useSession();
  const [tab, setTab] = useMemoryState<string>(`dossier-tab:${id}`, 'identity');
  const roles = session.user.roles;
  const tabs: Tab[] = [
    ...baseTabs,
    ...(hasPermission(roles, 'match.read') ? (['matches'] as const) : []),
    ...(hasPermission(roles, 'case.read') ? (['case'] as const) : []),
    'sources',
    'history',
  ];

  return (
    <Stack>
      <Link to={paths.dossiers} size="sm">
        ← {t('nav.dossiers')}
      </Link>
      {dossier.isPending && (
        <Stack role="status" aria-label={t('app.loading')}>
          <Skeleton h={32} w="50%" />
          <Skeleton h={240} />
        </Stack>
      )}
      {dossier.isError &&
        (dossier.error instanceof ApiError && dossier.error.status === 404 ? (
          <Alert color="gray.8" variant="outline" role="alert">
            {t('dossier.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={dossier.error} onRetry={() => void dossier.refetch()} />
        ))}
      {dossier.data && (
        <>
          <div>
            <Group gap="sm" align="center">
              <PageTitle mb={0}>{displayName(dossier.data.names, lang)}</PageTitle>
              <StatusBadge kind="dossierStatus" status={dossier.data.status} />
            </Group>
            <Text size="sm" c="dimmed">
              {t('dossier.title')} ·{' '}
              {t('dossier.recordInfo', {
                version: dossier.data.version,
                date: formatDateTime(dossier.data.updatedAt, lang),
              })}
            </Text>
          </div>
          <Tabs value={tab} onChange={(v) => v && setTab(v)} keepMounted={false}>
            <Tabs.List aria-label={t('dossier.tabs')}>
              {tabs.map((k) => (
                <Tabs.Tab key={k} value={k}>
                  {t(tabLabel[k])}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="identity" pt="md">
              <IdentityTab dossier={dossier.data} />
            </Tabs.Panel>
            <Tabs.Panel value="biography" pt="md">
              <BiographyTab dossier={dossier.data} />
            </Tabs.Panel>
            <Tabs.Panel value="services" pt="md">
              <ServicesTab dossier={dossier.data} />
            </Tabs.Panel>
            <Tabs.Panel value="photos" pt="md">
              <PhotosTab
                subject="dossiers"
                subjectId={dossier.data.id}
                writable={dossier.data.partyId === session.party.id}
              />
            </Tabs.Panel>
            <Tabs.Panel value="verification" pt="md">
              <VerificationTab dossier={dossier.data} />
            </Tabs.Panel>
            <Tabs.Panel value="matches" pt="md">
              <MatchesTab dossierId={dossier.data.id} />
            </Tabs.Panel>
            <Tabs.Panel value="case" pt="md">
              <CasesTab dossierId={dossier.data.id} />
            </Tabs.Panel>
            <Tabs.Panel value="sources" pt="md">
              <SourcesTab dossier={dossier.data} />
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="md">
              <HistoryTab dossierId={dossier.data.id} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}
