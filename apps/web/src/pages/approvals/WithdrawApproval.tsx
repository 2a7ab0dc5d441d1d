import { Button } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Approval } from '../../api/client.ts';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { useLang } from '../../i18n/useLang.ts';

/**
 * The first person withdraws their own pending approval, with a reason (the server's decline,
 * answered by the person who asked): nothing of the act is done and its subject is put back (a
 * match returns to the review queue).
 */
export function WithdrawApproval({
  approval,
  size = 'sm',
  onDone,
}: {
  approval: Approval;
  size?: 'xs' | 'sm';
  onDone?: (withdrawn: Approval) => void;
}) {
  const { t } = useLang();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const withdraw = useMutation({
    mutationFn: (reason: string) => api.declineApproval(approval.id, reason),
    onSuccess: async (withdrawn) => {
      setOpen(false);
      onDone?.(withdrawn);
      for (const key of ['approvals', 'matches', 'cases', 'requests'])
        await qc.invalidateQueries({ queryKey: [key] });
    },
  });
  return (
    <>
      <Button
        size={size}
        variant="outline"
        color="red.9"
        onClick={() => {
          withdraw.reset();
          setOpen(true);
        }}
        data-testid="approval-withdraw"
      >
        {t('approvals.withdraw')}…
      </Button>
      <ReasonDialog
        opened={open}
        title={t('approvals.withdrawTitle')}
        intro={t('approvals.withdrawText')}
        submitLabel={t('approvals.withdraw')}
        color="red.9"
        pending={withdraw.isPending}
        error={withdraw.error}
        onSubmit={(reason) => withdraw.mutate(reason)}
        onClose={() => {
          setOpen(false);
          // Answered or expired meanwhile: show what is pending now.
          if (withdraw.isError) void qc.invalidateQueries({ queryKey: ['approvals'] });
        }}
      />
    </>
  );
}
