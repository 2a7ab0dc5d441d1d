import { Alert } from '@mantine/core';
import { SessionGate } from './auth/session.tsx';
import { useLang } from './i18n/useLang.ts';
import { Shell } from './layout/Shell.tsx';
import { Dashboard } from './pages/Dashboard.tsx';
import { DossierPage } from './pages/dossiers/DossierPage.tsx';
import { DossierSearchPage } from './pages/dossiers/DossierSearchPage.tsx';
import { RequestFormPage } from './pages/requests/RequestFormPage.tsx';
import { RequestListPage } from './pages/requests/RequestListPage.tsx';
import { RequestPage } from './pages/requests/RequestPage.tsx';
import { TwoFactorPage } from './pages/TwoFactorPage.tsx';
import { CaseListPage } from './pages/cases/CaseListPage.tsx';
import { CasePage } from './pages/cases/CasePage.tsx';
import { MatchQueuePage } from './pages/matches/MatchQueuePage.tsx';
import { MatchReviewPage } from './pages/matches/MatchReviewPage.tsx';
import { AgeOutEntryPage } from './pages/age-out/AgeOutEntryPage.tsx';
import { AgeOutQueuePage } from './pages/age-out/AgeOutQueuePage.tsx';
import { NotificationsPage } from './pages/notifications/NotificationsPage.tsx';
import { ReportsPage } from './pages/reports/ReportsPage.tsx';
import { ContactReportPage } from './pages/reports/ContactReportPage.tsx';
import { VerificationQueuePage } from './pages/verification/VerificationQueuePage.tsx';
import { AuditPage } from './pages/audit/AuditPage.tsx';
import { LogStatusPage } from './pages/audit/LogStatusPage.tsx';
import { AdminPage } from './pages/admin/AdminPage.tsx';
import { ExportsPage } from './pages/exports/ExportsPage.tsx';
import { SharingPage } from './pages/sharing/SharingPage.tsx';
import type { Route } from './route.ts';
import { useRoute } from './router.tsx';

function Page({ route }: { route: Route }) {
  const { t } = useLang();
  switch (route.name) {
    case 'dashboard':
      return <Dashboard />;
    case 'dossiers':
      return <DossierSearchPage />;
    case 'dossier':
      return <DossierPage key={route.id} id={route.id} />;
    case 'requests':
      return <RequestListPage />;
    case 'newRequest':
      return <RequestFormPage />;
    case 'request':
      return <RequestPage key={route.id} id={route.id} />;
    case 'matches':
      return <MatchQueuePage />;
    case 'match':
      return <MatchReviewPage key={route.id} id={route.id} />;
    case 'cases':
      return <CaseListPage />;
    case 'case':
      return <CasePage key={route.id} id={route.id} tab={route.tab} />;
    case 'ageOut':
      return <AgeOutQueuePage />;
    case 'ageOutEntry':
      return <AgeOutEntryPage key={route.id} id={route.id} />;
    case 'notifications':
      return <NotificationsPage />;
    case 'contactReport':
      return <ContactReportPage />;
    case 'reports':
      return <ReportsPage />;
    case 'twoFactor':
      return <TwoFactorPage />;
    case 'verification':
      return <VerificationQueuePage />;
    case 'audit':
      return <AuditPage />;
    case 'log':
      return <LogStatusPage />;
    case 'admin':
      return <AdminPage />;
    case 'exports':
      return <ExportsPage />;
    case 'sharing':
      return <SharingPage />;
    case 'sharingRequest':
      return <SharingPage key={route.id} requestId={route.id} />;
    case 'notFound':
      return (
        <Alert color="gray.8" variant="outline">
          {t('errors.pageNotFound')}
        </Alert>
      );
  }
}

export function App() {
  const route = useRoute();
  return (
    <SessionGate>
      <Shell route={route}>
        <Page route={route} />
      </Shell>
    </SessionGate>
  );
}
