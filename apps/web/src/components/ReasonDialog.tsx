import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useLang } from '../i18n/useLang.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** A dialog that asks for a reason (required) before an action, as the case moves do. */
export function ReasonDialog({
  opened,
  title,
  intro,
  submitLabel,
  color = 'blue.8',
  pending,
  error,
  onSubmit,
  onClose,
}: {
  opened: boolean;
  title: string;
  intro: string;
  submitLabel: string;
  color?: string;
  pending: boolean;
  error: unknown;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const { t } = useLang();
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered onExitTransitionEnd={() => setReason('')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (trimmed) onSubmit(trimmed);
        }}
      >
        <Stack>
          <Text size="sm">{intro}</Text>
          <Textarea
            label={t('case.reason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={2000}
            data-autofocus
          />
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('case.cancel')}
            </Button>
            <Button type="submit" color={color} loading={pending} disabled={!trimmed}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
