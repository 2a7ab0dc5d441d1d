import { Alert, Button, Group, List, Text } from '@mantine/core';
import { ApiError } from '../api/client.ts';
import { errorKey, fieldLabelKey, issueKey } from '../api/errors.ts';
import { useLang } from '../i18n/useLang.ts';

/** An error in words a caseworker understands, with the way forward when there is one. */
export function ErrorAlert({
  error,
  onRetry,
  showIssues = true,
}: {
  error: unknown;
  onRetry?: () => void;
  showIssues?: boolean;
}) {
  const { t } = useLang();
  const { key, values } = errorKey(error);
  const issues = showIssues && error instanceof ApiError ? error.issues : [];
  const code = error instanceof ApiError ? error.code : null;
  return (
    <Alert
      color="red"
      variant="outline"
      title={t('errors.title')}
      role="alert"
      data-error-code={code ?? undefined}
    >
      <Text size="sm">{t(key, values)}</Text>
      {issues.length > 0 && (
        <List size="sm" mt="xs">
          {issues.map((i) => {
            const label = fieldLabelKey(i.path);
            const msg = issueKey(i.message);
            return (
              <List.Item key={`${i.path}:${i.message}`}>
                {label ? `${t(label)}: ` : ''}
                {t(msg.key, msg.values)}
              </List.Item>
            );
          })}
        </List>
      )}
      {(onRetry || code === 'CSRF_REJECTED') && (
        <Group mt="sm">
          {code === 'CSRF_REJECTED' ? (
            <Button size="xs" variant="outline" color="red.9" onClick={() => window.location.reload()}>
              {t('errors.reload')}
            </Button>
          ) : (
            <Button size="xs" variant="outline" color="red.9" onClick={onRetry}>
              {t('errors.retry')}
            </Button>
          )}
        </Group>
      )}
    </Alert>
  );
}
