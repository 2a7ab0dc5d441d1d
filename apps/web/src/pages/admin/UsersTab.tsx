import { Badge, Button, Group, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import {
  roles as allRoles,
  userStatuses,
  type Role,
  type UserStatus,
  type UserView,
} from '@homeward/contracts';
import { useState } from 'react';
import { useUsers } from '../../api/users.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { UserCreateForm } from './UserCreateForm.tsx';
import { UserManageDialog } from './UserManageDialog.tsx';
import { UserPending } from './UserPending.tsx';

/** The accounts of the administrator's organisation: create, find by role and status, manage one. */
export function UsersTab() {
  const { t } = useLang();
  const [role, setRole] = useState<Role | null>(null);
  const [status, setStatus] = useState<UserStatus | null>(null);
  const [managing, setManaging] = useState<string | null>(null);
  const q = useUsers({ ...(role ? { role } : {}), ...(status ? { status } : {}) });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('users.intro')}
      </Text>
      <UserCreateForm />
      <Group role="search" aria-label={t('users.filters')} align="flex-end">
        <Select
          label={t('users.filterRole')}
          placeholder={t('users.anyRole')}
          data={allRoles.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))}
          value={role}
          onChange={(v) => setRole(v as Role | null)}
          clearable
        />
        <Select
          label={t('users.filterStatus')}
          placeholder={t('users.anyStatus')}
          data={userStatuses.map((s) => ({ value: s, label: t(`users.status.${s}`) }))}
          value={status}
          onChange={(v) => setStatus(v as UserStatus | null)}
          clearable
        />
      </Group>
      {q.isPending && <Skeleton h={80} />}
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && items.length === 0 && <Text c="dimmed">{t('users.none')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table striped data-testid="user-table" aria-label={t('users.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.col.name')}</Table.Th>
                <Table.Th>{t('users.col.roles')}</Table.Th>
                <Table.Th>{t('users.col.status')}</Table.Th>
                <Table.Th>{t('users.col.twoFactor')}</Table.Th>
                <Table.Th>{t('users.col.pending')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((u) => (
                <UserRow key={u.id} user={u} onManage={() => setManaging(u.id)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {q.hasNextPage && (
        <Button variant="default" onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
          {t('app.loadMore')}
        </Button>
      )}
      <UserManageDialog
        user={items.find((u) => u.id === managing) ?? null}
        onClose={() => setManaging(null)}
      />
    </Stack>
  );
}

function UserRow({ user: u, onManage }: { user: UserView; onManage: () => void }) {
  const { t } = useLang();
  const me = useSession().session.user.id;
  return (
    <Table.Tr
      data-testid="user-row"
      data-email={u.email}
      data-status={u.status}
      data-roles={u.roles.join(',')}
    >
      <Table.Td>
        <Text size="sm" fw={600}>
          {u.displayName}
          {u.id === me && ` (${t('users.you')})`}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {u.email}
        </Text>
      </Table.Td>
      <Table.Td>
        {u.roles.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('users.noRoles')}
          </Text>
        ) : (
          <Group gap={4}>
            {u.roles.map((r) => (
              <Badge key={r} tt="none" variant="light" color="blue.8">
                {t(`enums.role.${r}`)}
              </Badge>
            ))}
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <Badge tt="none" variant="outline" color={u.status === 'active' ? 'teal.9' : 'gray.7'}>
          {t(`users.status.${u.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{t(`users.twoFactorState.${u.twoFactor}`)}</Table.Td>
      <Table.Td>
        <UserPending approvals={u.pending} />
      </Table.Td>
      <Table.Td>
        <Button
          size="xs"
          variant="outline"
          onClick={onManage}
          aria-label={t('users.manageLabel', { name: u.displayName })}
        >
          {t('users.manage')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
