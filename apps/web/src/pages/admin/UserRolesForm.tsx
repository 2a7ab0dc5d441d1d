import { Alert, Button, Checkbox, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { roleChangeInput, roles as allRoles, type Role, type UserView } from '@homeward/contracts';
import { useState, type FormEvent } from 'react';
import { usersApi, useUserMutation } from '../../api/users.ts';
import { useLang } from '../../i18n/useLang.ts';
import { UserErrorAlert } from './UserErrorAlert.tsx';

/**
 * Grant (waits for a second administrator) or revoke (at once) some of an account's roles. Offers
 * only what can change: the roles not held to grant, the roles held to revoke.
 */
export function UserRolesForm({ user, mode }: { user: UserView; mode: 'grant' | 'revoke' }) {
  const { t } = useLang();
  const [chosen, setChosen] = useState<Role[]>([]);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const reset = (m: string) => {
    setMessage(m);
    setChosen([]);
    setReason('');
  };
  const grant = useUserMutation(
    (input: { roles: Role[]; reason?: string }) => usersApi.grant(user.id, input),
    (r) => reset(r.approval ? t('users.dialog.grantWaiting') : t('users.dialog.granted')),
  );
  const revoke = useUserMutation(
    (input: { roles: Role[]; reason?: string }) => usersApi.revoke(user.id, input),
    () => reset(t('users.dialog.revoked')),
  );
  const change = mode === 'grant' ? grant : revoke;
  const offered = allRoles.filter((r) =>
    mode === 'grant' ? !user.roles.includes(r) : user.roles.includes(r),
  );
  const id = `user-${mode}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const input = { roles: chosen, ...(reason.trim() ? { reason: reason.trim() } : {}) };
    if (roleChangeInput.safeParse(input).success) change.mutate(input);
  }

  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id}>
        {t(mode === 'grant' ? 'users.dialog.grantTitle' : 'users.dialog.revokeTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t(mode === 'grant' ? 'users.dialog.grantHint' : 'users.dialog.revokeHint')}
      </Text>
      {offered.length === 0 ? (
        <Text size="sm">
          {t(mode === 'grant' ? 'users.dialog.nothingToGrant' : 'users.dialog.nothingToRevoke')}
        </Text>
      ) : (
        <form onSubmit={submit} data-testid={`user-${mode}-form`}>
          <Stack gap="xs">
            <Checkbox.Group
              label={t(mode === 'grant' ? 'users.dialog.grantRoles' : 'users.dialog.revokeRoles')}
              value={chosen}
              onChange={(v) => setChosen(v as Role[])}
            >
              <Group mt={4} gap="md">
                {offered.map((r) => (
                  <Checkbox key={r} value={r} label={t(`enums.role.${r}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <Textarea
              label={t('users.dialog.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={1}
              maxLength={2000}
            />
            {change.isError && <UserErrorAlert error={change.error} />}
            <Group justify="flex-end">
              <Button
                type="submit"
                color={mode === 'revoke' ? 'red.9' : undefined}
                loading={change.isPending}
                disabled={chosen.length === 0}
              >
                {t(mode === 'grant' ? 'users.dialog.grantSubmit' : 'users.dialog.revokeSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {message && (
        <Alert color="teal.9" variant="outline" role="status" data-testid={`user-${mode}-done`}>
          {message}
        </Alert>
      )}
    </Stack>
  );
}
