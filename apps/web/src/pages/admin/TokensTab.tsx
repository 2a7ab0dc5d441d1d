import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ApiToken } from '../../api/client.ts';
import { useTokens } from '../../api/queries.ts';
import { serverPermissions } from '../../auth/permissions.ts';
import { Actor } from '../../components/Actor.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { tokenState } from './admin.ts';
import { ShownOnce } from './ShownOnce.tsx';

/** API tokens for machine-to-machine exchange: create (shown once), list, revoke. */
export function TokensTab() {
  const { t, lang } = useLang();
  const qc = useQueryClient();
  const tokens = useTokens();
  const [name, setName] = useState('');
  const [perms, setPerms] = useState<string[]>([]);
  const [days, setDays] = useState<number | string>(90);
  const [shown, setShown] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin', 'tokens'] });
  const create = useMutation({
    mutationFn: () =>
      api.createToken({ name: name.trim(), permissions: perms, expiresInDays: Number(days) || 90 }),
    onSuccess: async (r) => {
      setShown(r.token);
      setName('');
      setPerms([]);
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.revokeToken(id),
    onSuccess: async () => {
      setRevoking(null);
      await refresh();
    },
  });

  return (
    <Stack>
      <Paper withBorder p="md" component="section" aria-labelledby="token-new">
        <Title order={2} size="h4" id="token-new" mb="xs">
          {t('admin.tokens.new')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('admin.tokens.intro')}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim() && perms.length) create.mutate();
          }}
        >
          <Stack>
            <Group grow align="flex-start">
              <TextInput
                label={t('admin.tokens.name')}
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                maxLength={100}
              />
              <NumberInput
                label={t('admin.tokens.expiresInDays')}
                min={1}
                max={365}
                value={days}
                onChange={setDays}
              />
            </Group>
            <MultiSelect
              label={t('admin.tokens.permissions')}
              description={t('admin.tokens.permissionsHint')}
              data={[...serverPermissions]}
              value={perms}
              onChange={setPerms}
              searchable
              required
            />
            {create.isError && <ErrorAlert error={create.error} />}
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending} disabled={!name.trim() || perms.length === 0}>
                {t('admin.tokens.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <ShownOnce
        title={t('admin.tokens.createdTitle')}
        secret={shown}
        onClose={() => setShown(null)}
        testId="new-token"
      >
        <Text size="sm">{t('admin.tokens.howToUse')}</Text>
      </ShownOnce>
      {tokens.isPending && <Skeleton h={80} />}
      {tokens.isError && <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />}
      {tokens.data && tokens.data.items.length === 0 && <Text c="dimmed">{t('admin.tokens.none')}</Text>}
      {tokens.data && tokens.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped data-testid="token-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.tokens.name')}</Table.Th>
                <Table.Th>{t('admin.tokens.owner')}</Table.Th>
                <Table.Th>{t('admin.tokens.permissions')}</Table.Th>
                <Table.Th>{t('admin.tokens.created')}</Table.Th>
                <Table.Th>{t('admin.tokens.expires')}</Table.Th>
                <Table.Th>{t('admin.tokens.lastUsed')}</Table.Th>
                <Table.Th>{t('admin.tokens.state')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.items.map((tk) => {
                const state = tokenState(tk, new Date());
                return (
                  <Table.Tr key={tk.id} data-testid="token-row" data-name={tk.name} data-state={state}>
                    <Table.Td>
                      {tk.name}
                      <Text size="xs" c="dimmed" ff="monospace">
                        {tk.id}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Actor userId={tk.userId} />
                    </Table.Td>
                    <Table.Td fz="xs" ff="monospace">
                      {tk.permissions.join(', ')}
                    </Table.Td>
                    <Table.Td>{formatDateTime(tk.createdAt, lang)}</Table.Td>
                    <Table.Td>{formatDateTime(tk.expiresAt, lang)}</Table.Td>
                    <Table.Td>{formatDateTime(tk.lastUsedAt, lang) ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge tt="none" variant="outline" color={state === 'active' ? 'teal.9' : 'gray.7'}>
                        {t(`admin.tokens.stateName.${state}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {state === 'active' && (
                        <Button size="xs" variant="outline" color="red.9" onClick={() => setRevoking(tk)}>
                          {t('admin.tokens.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={t('admin.tokens.revokeTitle')}
        centered
      >
        <Stack>
          <Text size="sm">{t('admin.tokens.revokeText', { name: revoking?.name ?? '' })}</Text>
          {revoke.isError && <ErrorAlert error={revoke.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t('match.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={revoke.isPending}
              onClick={() => revoking && revoke.mutate(revoking.id)}
            >
              {t('admin.tokens.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
