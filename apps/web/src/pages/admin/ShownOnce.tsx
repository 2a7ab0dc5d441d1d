import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useLang } from '../../i18n/useLang.ts';

/** A secret the server shows only once: in a dialog with a copy button and the warning. */
export function ShownOnce({
  title,
  secret,
  onClose,
  testId,
  children,
}: {
  title: string;
  secret: string | null;
  onClose: () => void;
  testId: string;
  children?: ReactNode;
}) {
  const { t } = useLang();
  return (
    <Modal opened={secret !== null} onClose={onClose} title={title} centered size="lg">
      <Stack>
        <Alert color="orange.9" variant="outline">
          {t('admin.shownOnce')}
        </Alert>
        {children}
        <Code block data-testid={testId} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {secret}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => (
              <Button variant="outline" onClick={copy}>
                {copied ? t('admin.copied') : t('admin.copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t('admin.storedIt')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
