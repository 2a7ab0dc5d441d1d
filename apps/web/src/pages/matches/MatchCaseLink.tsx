import { Loader, Text } from '@mantine/core';
import { useCaseList } from '../../api/queries.ts';
import { useCan } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';

/** The case a confirmed request↔dossier match opened (confirming opens it in the same step). */
export function MatchCaseLink({ requestId, dossierId }: { requestId: string; dossierId: string }) {
  const { t } = useLang();
  const canRead = useCan('case.read');
  const q = useCaseList({ requestId, dossierId }, canRead);
  if (!canRead) return null;
  if (q.isPending)
    return (
      <Text size="sm" mt="xs">
        <Loader size="xs" aria-hidden /> {t('match.caseLoading')}
      </Text>
    );
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const found = q.data.pages[0]?.items[0];
  if (!found)
    return (
      <Text size="sm" mt="xs">
        {t('match.noCase')}
      </Text>
    );
  return (
    <Text size="sm" mt="xs">
      {t('match.caseOpened')}{' '}
      <Link to={paths.case(found.id)} fw={700} data-testid="case-link">
        {t('match.openCase')}
      </Link>
    </Text>
  );
}
