import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, type MatchComparison } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { shortcutOf } from '../../components/shortcuts.ts';
import { ShortcutHelp } from '../../components/ShortcutHelp.tsx';

type Action = 'confirm' | 'reject';

/** Confirm (reason optional) or reject (reason required) an open proposal, each through a dialog. */
export function MatchDecision({ match }: { match: MatchComparison }) {
  const { t } = useLang();
  const qc = useQueryClient();
  const [open, setOpen] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: ({ action, reason }: { action: Action; reason: string }) =>
      action === 'confirm'
        ? api.confirmMatch(match.id, reason || undefined)
        : api.rejectMatch(match.id, reason),
    onSuccess: async () => {
      setOpen(null);
      setReason('');
      await qc.invalidateQueries({ queryKey: ['matches'] });
      await qc.invalidateQueries({ queryKey: ['approvals'] });
      await qc.invalidateQueries({ queryKey: ['cases'] });
      await qc.invalidateQueries({ queryKey: ['requests'] });
    },
  });
  const start = (a: Action) => {
    decide.reset();
    setReason('');
    setOpen(a);
  };
  // c / r open the confirm / reject dialogs (never while typing or with a dialog open).
  const startRef = useRef(start);
  startRef.current = start;
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const key = shortcutOf(e, ['c', 'r']);
      if (!key || openRef.current !== null) return;
      e.preventDefault();
      startRef.current(key === 'c' ? 'confirm' : 'reject');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const trimmed = reason.trim();
  const alreadyDecided = decide.error instanceof ApiError && decide.error.code === 'INVALID_TRANSITION';
  const close = () => {
    setOpen(null);
    // Someone decided first: show what they decided.
    if (alreadyDecided) void qc.invalidateQueries({ queryKey: ['matches'] });
  };

  return (
    <section aria-labelledby="decision-title">
      <Text id="decision-title" fw={700} mb="xs">
        {t('match.decision')}
      </Text>
      <Group>
        <Button color="teal.9" onClick={() => start('confirm')} aria-keyshortcuts="c">
          {t('match.confirm')}
        </Button>
        <Button color="red.9" variant="outline" onClick={() => start('reject')} aria-keyshortcuts="r">
          {t('match.reject')}
        </Button>
        <ShortcutHelp
          items={[
            { keys: ['c'], label: t('shortcuts.confirm') },
            { keys: ['r'], label: t('shortcuts.reject') },
          ]}
        />
      </Group>
      <Modal
        opened={open !== null}
        onClose={close}
        title={open === 'reject' ? t('match.rejectTitle') : t('match.confirmTitle')}
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (open && (open === 'confirm' || trimmed)) decide.mutate({ action: open, reason: trimmed });
          }}
        >
          <Stack>
            <Text size="sm">{open === 'reject' ? t('match.rejectText') : t('match.confirmText')}</Text>
            <Textarea
              label={open === 'reject' ? t('match.reason') : t('match.reasonOptional')}
              required={open === 'reject'}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={2000}
              data-autofocus
            />
            {alreadyDecided ? (
              <Alert color="red" variant="outline" role="alert" data-error-code="INVALID_TRANSITION">
                {t('match.alreadyDecided')}
              </Alert>
            ) : (
              decide.isError && <ErrorAlert error={decide.error} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('match.cancel')}
              </Button>
              <Button
                type="submit"
                color={open === 'reject' ? 'red.9' : 'teal.9'}
                loading={decide.isPending}
                disabled={open === 'reject' && !trimmed}
              >
                {open === 'reject' ? t('match.reject') : t('match.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </section>
  );
}
