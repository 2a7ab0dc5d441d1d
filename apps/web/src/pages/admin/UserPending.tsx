import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { UserApproval } from '@homeward/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { usersKey, useUserMutation } from '../../api/users.ts';
import { useSession } from '../../auth/session.tsx';
import { Actor } from '../../components/Actor.tsx';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { ApprovalActions } from '../approvals/ApprovalActions.tsx';
import { pendingRole, pendingRoles } from './users.ts';

/**
 * The grants and resets about one account that wait for a second administrator: the person who
 * asked may withdraw, the account's own user only sees it, any other administrator may answer.
 */
export function UserPending({ approvals }: { approvals: readonly UserApproval[] }) {
  if (approvals.length === 0) return null;
  return (
    <Stack gap="xs">
      {approvals.map((a) => (
        <PendingItem key={a.id} approval={a} />
      ))}
    </Stack>
  );
}

function PendingItem({ approval: a }: { approval: UserApproval }) {
  const { t, lang } = useLang();
  const me = useSession().session.user.id;
  const qc = useQueryClient();
  const [withdrawing, setWithdrawing] = useState(false);
  const withdraw = useUserMutation(
    (reason: string) => api.declineApproval(a.id, reason),
    () => setWithdrawing(false),
  );
  const role = pendingRole(a, me);
  const what =
    a.act === 'user.grant-role'
      ? t('users.pending.grant', {
          roles: pendingRoles(a)
            .map((r) => t(`enums.role.${r}`))
            .join(', '),
        })
      : t('users.pending.reset');
  return (
    <Stack gap={4} data-testid="user-pending" data-act={a.act} data-approval={a.id}>
      <Group gap={6}>
        <Badge tt="none" variant="outline" color="orange.9">
          {t('users.pending.awaiting')}
        </Badge>
        <Text size="sm" fw={600}>
          {what}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {t('users.pending.askedBy')} <Actor userId={a.firstUserId} />, {formatDateTime(a.firstAt, lang)}
      </Text>
      {role === 'mine' && (
        <Group>
          <Button size="xs" variant="outline" color="red.9" onClick={() => setWithdrawing(true)}>
            {t('users.pending.withdraw')}
          </Button>
        </Group>
      )}
      {role === 'about-me' && (
        <Text size="xs" c="dimmed">
          {t('users.pending.aboutYou')}
        </Text>
      )}
      {role === 'answer' && (
        <ApprovalActions
          approval={a}
          size="xs"
          onDone={() => void qc.invalidateQueries({ queryKey: usersKey })}
        />
      )}
      <ReasonDialog
        opened={withdrawing}
        title={t('users.pending.withdrawTitle')}
        intro={t('users.pending.withdrawText')}
        submitLabel={t('users.pending.withdraw')}
        color="red.9"
        pending={withdraw.isPending}
        error={withdraw.isError ? withdraw.error : null}
        onSubmit={(reason) => withdraw.mutate(reason)}
        onClose={() => setWithdrawing(false)}
      />
    </Stack>
  );
}
