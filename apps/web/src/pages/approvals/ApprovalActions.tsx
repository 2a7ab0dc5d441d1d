import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Approval } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { useLang } from '../../i18n/useLang.ts';

/**
 * The second person's answer to a pending approval (two-person rule): approve (reason optional;
 * the payload hash read is sent, so a changed subject is refused) or decline (reason required).
 * A refusal (SAME_PERSON, NOT_ELIGIBLE_SECOND, APPROVAL_EXPIRED, …) is shown in words.
 */
export function ApprovalActions({
  approval,
  size = 'sm',
  onDone,
}: {
  approval: Approval;
  size?: 'xs' | 'sm' | 'md';
  onDone?: (answered: Approval) => void;
}) {
  const { t } = useLang();
  const qc = useQueryClient();
  const [open, setOpen] = useState<'approve' | 'decline' | null>(null);
  const [reason, setReason] = useState('');
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['approvals'] });
    await qc.invalidateQueries({ queryKey: ['matches'] });
    await qc.invalidateQueries({ queryKey: ['cases'] });
    await qc.invalidateQueries({ queryKey: ['requests'] });
    // An approved attestation is signed at once: the record's verification changes.
    await qc.invalidateQueries({ queryKey: ['verification'] });
  };
  const answer = useMutation({
    mutationFn: (a: { action: 'approve' | 'decline'; reason: string }) =>
      a.action === 'approve'
        ? api.approveApproval(approval.id, {
            payloadHash: approval.payloadHash,
            ...(a.reason ? { reason: a.reason } : {}),
          })
        : api.declineApproval(approval.id, a.reason),
    onSuccess: async (answered) => {
      setOpen(null);
      setReason('');
      onDone?.(answered);
      await refresh();
    },
  });
  const start = (a: 'approve' | 'decline') => {
    answer.reset();
    setReason('');
    setOpen(a);
  };
  const close = () => {
    setOpen(null);
    // Answered elsewhere, expired or changed: show what is pending now.
    if (answer.isError) void refresh();
  };
  const trimmed = reason.trim();
  return (
    <>
      <Group gap="xs" data-testid="approval-actions" data-approval={approval.id}>
        <Button size={size} color="teal.9" onClick={() => start('approve')}>
          {t('approvals.approve')}
        </Button>
        <Button size={size} color="red.9" variant="outline" onClick={() => start('decline')}>
          {t('approvals.decline')}
        </Button>
      </Group>
      <Modal opened={open === 'approve'} onClose={close} title={t('approvals.approveTitle')} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            answer.mutate({ action: 'approve', reason: trimmed });
          }}
        >
          <Stack>
            <Text size="sm">{t('approvals.approveText')}</Text>
            <Textarea
              label={t('approvals.reasonOptional')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={2000}
              data-autofocus
            />
            {answer.isError && <ErrorAlert error={answer.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('approvals.cancel')}
              </Button>
              <Button type="submit" color="teal.9" loading={answer.isPending}>
                {t('approvals.approve')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <ReasonDialog
        opened={open === 'decline'}
        title={t('approvals.declineTitle')}
        intro={t('approvals.declineText')}
        submitLabel={t('approvals.decline')}
        color="red.9"
        pending={answer.isPending}
        error={open === 'decline' && answer.isError ? answer.error : null}
        onSubmit={(r) => answer.mutate({ action: 'decline', reason: r })}
        onClose={close}
      />
    </>
  );
}
