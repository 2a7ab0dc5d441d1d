import { Alert, Button, Divider, Group, Modal, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { userPatch, type UserView } from '@homeward/contracts';
import { useState, type ReactNode } from 'react';
import { usersApi, useUserMutation } from '../../api/users.ts';
import { useSession } from '../../auth/session.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { UserErrorAlert } from './UserErrorAlert.tsx';
import { UserPending } from './UserPending.tsx';
import { UserRolesForm } from './UserRolesForm.tsx';

/**
 * Everything an administrator may change on one account: the name, roles (granting waits for a
 * second administrator), access, and two-factor. One's own account offers the name only.
 */
export function UserManageDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useLang();
  const me = useSession().session.user.id;
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={t('users.dialog.title', { name: user?.displayName ?? '' })}
      size="lg"
      centered
    >
      {user && (
        <Stack data-testid="user-dialog" data-email={user.email}>
          <RenameForm key={user.id} user={user} />
          <UserPending approvals={user.pending} />
          {user.id === me ? (
            <Alert color="blue.8" variant="outline">
              {t('users.dialog.self')}
            </Alert>
          ) : (
            <>
              <Divider />
              <UserRolesForm key={`grant:${user.id}`} user={user} mode="grant" />
              <Divider />
              <UserRolesForm key={`revoke:${user.id}`} user={user} mode="revoke" />
              <Divider />
              <AccessSection user={user} />
              <Divider />
              <TwoFactorSection user={user} />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('users.dialog.close')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function Section({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      )}
      {children}
    </Stack>
  );
}

const Done = ({ children, testId }: { children: ReactNode; testId: string }) => (
  <Alert color="teal.9" variant="outline" role="status" data-testid={testId}>
    {children}
  </Alert>
);

function RenameForm({ user }: { user: UserView }) {
  const { t } = useLang();
  const [name, setName] = useState(user.displayName);
  const [saved, setSaved] = useState(false);
  const rename = useUserMutation(
    (n: string) => usersApi.rename(user.id, n),
    () => setSaved(true),
  );
  const valid = userPatch.safeParse({ displayName: name }).success;
  return (
    <Section id="user-rename" title={t('users.dialog.renameTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          if (valid) rename.mutate(name.trim());
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('users.dialog.rename')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={200}
            required
            style={{ flex: 1 }}
          />
          <Button
            type="submit"
            variant="outline"
            loading={rename.isPending}
            disabled={!valid || name.trim() === user.displayName}
          >
            {t('users.dialog.save')}
          </Button>
        </Group>
      </form>
      {rename.isError && <UserErrorAlert error={rename.error} />}
      {saved && <Done testId="user-renamed">{t('users.dialog.saved')}</Done>}
    </Section>
  );
}

function AccessSection({ user }: { user: UserView }) {
  const { t } = useLang();
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const disabling = user.status === 'active';
  const change = useUserMutation(
    (r: string) => (disabling ? usersApi.disable : usersApi.enable)(user.id, r ? { reason: r } : {}),
    (u) => {
      setReason('');
      setDone(u.status === 'disabled' ? t('users.dialog.disabledDone') : t('users.dialog.enabledDone'));
    },
  );
  return (
    <Section
      id="user-access"
      title={t('users.dialog.accessTitle')}
      hint={disabling ? t('users.dialog.disableHint') : undefined}
    >
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
          color={disabling ? 'red.9' : 'teal.9'}
          variant="outline"
          loading={change.isPending}
          onClick={() => change.mutate(reason.trim())}
        >
          {disabling ? t('users.dialog.disable') : t('users.dialog.enable')}
        </Button>
      </Group>
      {done && <Done testId="user-access-done">{done}</Done>}
    </Section>
  );
}

function TwoFactorSection({ user }: { user: UserView }) {
  const { t } = useLang();
  const [done, setDone] = useState<string | null>(null);
  const reset = useUserMutation(
    () => usersApi.resetTwoFactor(user.id),
    (r) => setDone(r.approval ? t('users.dialog.resetWaiting') : t('users.dialog.resetDone')),
  );
  return (
    <Section id="user-2fa" title={t('users.dialog.twoFactorTitle')} hint={t('users.dialog.resetHint')}>
      {user.twoFactor === 'not-enrolled' && !done ? (
        <Text size="sm">{t('users.dialog.notEnrolled')}</Text>
      ) : (
        <Group justify="flex-end">
          <Button
            variant="outline"
            color="red.9"
            loading={reset.isPending}
            disabled={done !== null}
            onClick={() => reset.mutate(undefined)}
          >
            {t('users.dialog.reset')}
          </Button>
        </Group>
      )}
      {reset.isError && <UserErrorAlert error={reset.error} />}
      {done && <Done testId="user-2fa-done">{done}</Done>}
    </Section>
  );
}
