import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { roles as allRoles, userCreateInput, type Role, type UserChange } from '@homeward/contracts';
import { useState, type FormEvent } from 'react';
import { fromZodIssues, issuesByPath } from '../../api/errors.ts';
import { usersApi, useUserMutation } from '../../api/users.ts';
import { useLang } from '../../i18n/useLang.ts';
import { UserErrorAlert } from './UserErrorAlert.tsx';
import { userIssueKey } from './users.ts';

/**
 * A new account of the administrator's organisation, checked with the contract's schema (the same
 * password rules as the server) before it is sent. Its roles wait for a second administrator.
 */
export function UserCreateForm() {
  const { t } = useLang();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [reason, setReason] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<UserChange | null>(null);
  const create = useUserMutation(usersApi.create, (r) => {
    setDone(r);
    setEmail('');
    setDisplayName('');
    setPassword('');
    setRoles([]);
    setReason('');
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const input = {
      email: email.trim(),
      password,
      roles,
      ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    const parsed = userCreateInput.safeParse(input);
    if (!parsed.success) return setFieldErrors(issuesByPath(fromZodIssues(parsed.error.issues)));
    setFieldErrors({});
    create.mutate(input);
  }
  const fieldError = (path: string) => {
    const m = fieldErrors[path];
    if (!m) return undefined;
    const k = userIssueKey(m);
    return t(k.key, k.values);
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="user-new">
      <Title order={2} size="h4" id="user-new" mb="xs">
        {t('users.create.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('users.create.intro')}
      </Text>
      <form onSubmit={submit} noValidate data-testid="user-create">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('users.create.email')}
              type="email"
              autoComplete="off"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError('email')}
              maxLength={200}
            />
            <TextInput
              label={t('users.create.displayName')}
              description={t('users.create.displayNameHint')}
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
              error={fieldError('displayName')}
              maxLength={200}
            />
            <PasswordInput
              label={t('users.create.password')}
              description={t('users.create.passwordHint')}
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldError('password')}
            />
          </SimpleGrid>
          <Checkbox.Group
            label={t('users.create.roles')}
            description={t('users.create.rolesHint')}
            value={roles}
            onChange={(v) => setRoles(v as Role[])}
          >
            <Group mt="xs" gap="md">
              {allRoles.map((r) => (
                <Checkbox key={r} value={r} label={t(`enums.role.${r}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Textarea
            label={t('users.create.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={1}
            maxLength={2000}
          />
          {create.isError && <UserErrorAlert error={create.error} form="create" />}
          {done && (
            <Alert color="teal.9" variant="outline" role="status" data-testid="user-created">
              {done.approval ? t('users.create.createdWaiting') : t('users.create.created')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending}>
              {t('users.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
