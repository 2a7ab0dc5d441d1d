import { Alert, Paper, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../auth/session.tsx';
import { TwoFactorSetup } from '../auth/TwoFactorSetup.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { useLang } from '../i18n/useLang.ts';
import { paths } from '../route.ts';
import { navigate } from '../router.tsx';

/** Two-step verification chosen by the user (when their organisation does not require it). */
export function TwoFactorPage() {
  const { t } = useLang();
  const { session } = useSession();
  const qc = useQueryClient();
  return (
    <Stack maw={560}>
      <PageTitle mb={0}>{t('twoFactor.codeTitle')}</PageTitle>
      {session.twoFactor === 'done' ? (
        <Alert color="teal.9" variant="outline">
          {t('twoFactor.alreadyOn')}
        </Alert>
      ) : (
        <Paper withBorder p="lg">
          <TwoFactorSetup
            required={false}
            onDone={() => {
              void qc.invalidateQueries({ queryKey: ['me'] });
              navigate(paths.dashboard);
            }}
          />
        </Paper>
      )}
    </Stack>
  );
}
