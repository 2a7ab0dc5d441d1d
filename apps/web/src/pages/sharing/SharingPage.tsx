import { Select, Skeleton, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSharingPolicies } from '../../api/sharing.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { paths } from '../../route.ts';
import { Link } from '../../router.tsx';
import { DisclosurePreview } from './DisclosurePreview.tsx';
import { PolicyDetails } from './PolicyDetails.tsx';
import { PolicyMatrix } from './PolicyMatrix.tsx';
import { policyVersions } from './sharing.ts';

/**
 * The sharing policy as code, readable: the version in force (or any other), who agreed to it,
 * its log entries, and the matrix of who receives what. Opened from a request, it first shows
 * what each other party sees of that request.
 */
export function SharingPage({ requestId }: { requestId?: string }) {
  const { t } = useLang();
  const q = useSharingPolicies();
  const [chosen, setChosen] = useState<string | null>(null);
  const versions = q.data ? policyVersions(q.data) : [];
  const shown = versions.find((v) => v.key === chosen) ?? versions[0];
  const statusOf = (v: (typeof versions)[number]) =>
    v.policy ? t(`sharing.statusName.${v.policy.status}`) : t('sharing.statusName.builtIn');
  return (
    <Stack>
      {requestId && (
        <Link to={paths.request(requestId)} size="sm">
          ← {t('sharing.preview.back')}
        </Link>
      )}
      <PageTitle mb={0}>{t('sharing.title')}</PageTitle>
      <Text maw="75ch">{t('sharing.intro')}</Text>
      {requestId && <DisclosurePreview requestId={requestId} />}
      {q.isPending && <Skeleton h={320} role="status" aria-label={t('app.loading')} />}
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && shown && (
        <>
          {versions.length > 1 && (
            <Select
              label={t('sharing.chooseVersion')}
              data={versions.map((v) => ({ value: v.key, label: `${v.key} · ${statusOf(v)}` }))}
              value={shown.key}
              onChange={(v) => v && setChosen(v)}
              allowDeselect={false}
              maw={480}
            />
          )}
          <PolicyDetails version={shown} builtInInForce={!q.data.active} />
          <PolicyMatrix document={shown.document} />
        </>
      )}
    </Stack>
  );
}
