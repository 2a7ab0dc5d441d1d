import { Alert, Text } from '@mantine/core';
import { ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { userErrorKey } from './users.ts';

/** A refusal of user administration in words: this module's own codes here, any other as everywhere. */
export function UserErrorAlert({ error, form = 'change' }: { error: unknown; form?: 'create' | 'change' }) {
  const { t } = useLang();
  const key = userErrorKey(error, form);
  if (!key) return <ErrorAlert error={error} />;
  return (
    <Alert
      color="red"
      variant="outline"
      title={t('errors.title')}
      role="alert"
      data-error-code={error instanceof ApiError ? error.code : undefined}
    >
      <Text size="sm">{t(key)}</Text>
    </Alert>
  );
}
