import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { knownNotificationKinds } from '@homeward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api, type ApiToken, type WebhookSubscription } from '../../api/client.ts';
import { useSecurityAlerts, useTokens, useWebhookDeliveries, useWebhooks } from '../../api/queries.ts';
import { serverPermissions } from '../../auth/permissions.ts';
import { useCan } from '../../auth/session.tsx';
import { Actor } from '../../components/Actor.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { useMemoryState } from '../../memory-state.ts';
import { detailLines } from '../audit/audit.ts';
import { tokenState } from './admin.ts';

/**
 * Administration: API tokens, webhooks and security alerts, each for the roles that may manage it.
 * (User accounts are managed with `homeward user …` on the server: there is no API for them yet.)
 */
export function AdminPage() {
  const { t } = useLang();
  const canTokens = useCan('token.admin');
  const canWebhooks = useCan('webhook.admin');
  const canAlerts = useCan('audit.read');
  const sections = [canTokens && 'tokens', canWebhooks && 'webhooks', canAlerts && 'alerts'].filter(
    Boolean,
  ) as string[];
  const [tab, setTab] = useMemoryState<string>('admin-tab', sections[0] ?? 'tokens');
  if (sections.length === 0)
    return (
      <Stack>
        <PageTitle>{t('admin.title')}</PageTitle>
        <Text>{t('admin.noAccess')}</Text>
      </Stack>
    );
  return (
    <Stack>
      <div>
        <PageTitle mb={0}>{t('admin.title')}</PageTitle>
        <Text size="sm" c="dimmed">
          {t('admin.intro')}
        </Text>
      </div>
      <Tabs
        value={sections.includes(tab) ? tab : sections[0]!}
        onChange={(v) => v && setTab(v)}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('admin.sections')}>
          {sections.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {t(`admin.tab.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="tokens" pt="md">
          <TokensSection />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks" pt="md">
          <WebhooksSection />
        </Tabs.Panel>
        <Tabs.Panel value="alerts" pt="md">
          <AlertsSection />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** A secret the server shows only once: in a dialog with a copy button and the warning. */
function ShownOnce({
  title,
  secret,
  onClose,
  testId,
  children,
}: {
  title: string;
  secret: string | null;
  onClose: () => void;
  testId: string;
  children?: ReactNode;
}) {
  const { t } = useLang();
  return (
    <Modal opened={secret !== null} onClose={onClose} title={title} centered size="lg">
      <Stack>
        <Alert color="orange.9" variant="outline">
          {t('admin.shownOnce')}
        </Alert>
        {children}
        <Code block data-testid={testId} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {secret}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={secret ?? ''}>
            {({ copied, copy }) => (
              <Button variant="outline" onClick={copy}>
                {copied ? t('admin.copied') : t('admin.copy')}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>{t('admin.storedIt')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function TokensSection() {
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

function WebhooksSection() {
  const { t, lang } = useLang();
  const qc = useQueryClient();
  const hooks = useWebhooks();
  const [url, setUrl] = useState('');
  const [kinds, setKinds] = useState<string[]>([]);
  const [shown, setShown] = useState<string | null>(null);
  const [deliveriesOf, setDeliveriesOf] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin', 'webhooks'] });
  const create = useMutation({
    mutationFn: () => api.createWebhook({ url: url.trim(), kinds: kinds.length ? kinds : null }),
    onSuccess: async (r) => {
      setShown(r.secret);
      setUrl('');
      setKinds([]);
      await refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: (h: WebhookSubscription) => api.patchWebhook(h.id, { version: h.version, active: !h.active }),
    onSettled: refresh,
  });
  const rotate = useMutation({
    mutationFn: (id: string) => api.rotateWebhookSecret(id),
    onSuccess: async (r) => {
      setShown(r.secret);
      await refresh();
    },
  });

  return (
    <Stack>
      <Paper withBorder p="md" component="section" aria-labelledby="hook-new">
        <Title order={2} size="h4" id="hook-new" mb="xs">
          {t('admin.webhooks.new')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('admin.webhooks.intro')}
        </Text>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (url.trim()) create.mutate();
          }}
        >
          <Stack>
            <TextInput
              label={t('admin.webhooks.url')}
              description={t('admin.webhooks.urlHint')}
              required
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              placeholder="https://"
            />
            <MultiSelect
              label={t('admin.webhooks.kinds')}
              description={t('admin.webhooks.kindsHint')}
              data={knownNotificationKinds.map((k) => ({ value: k, label: t(`notifications.kind.${k}`) }))}
              value={kinds}
              onChange={setKinds}
            />
            {create.isError && <ErrorAlert error={create.error} />}
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending} disabled={!url.trim()}>
                {t('admin.webhooks.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <ShownOnce
        title={t('admin.webhooks.secretTitle')}
        secret={shown}
        onClose={() => setShown(null)}
        testId="webhook-secret"
      >
        <Text size="sm">{t('admin.webhooks.secretHelp')}</Text>
      </ShownOnce>
      {(toggle.isError || rotate.isError) && <ErrorAlert error={toggle.error ?? rotate.error} />}
      {hooks.isPending && <Skeleton h={80} />}
      {hooks.isError && <ErrorAlert error={hooks.error} onRetry={() => void hooks.refetch()} />}
      {hooks.data && hooks.data.items.length === 0 && <Text c="dimmed">{t('admin.webhooks.none')}</Text>}
      {hooks.data && hooks.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped data-testid="webhook-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.webhooks.url')}</Table.Th>
                <Table.Th>{t('admin.webhooks.kinds')}</Table.Th>
                <Table.Th>{t('admin.webhooks.state')}</Table.Th>
                <Table.Th>{t('admin.webhooks.rotated')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {hooks.data.items.map((h) => (
                <Table.Tr key={h.id} data-testid="webhook-row">
                  <Table.Td ff="monospace" fz="sm" style={{ wordBreak: 'break-all' }}>
                    {h.url}
                  </Table.Td>
                  <Table.Td fz="sm">
                    {h.kinds
                      ? h.kinds.map((k) => t(`notifications.kind.${k}`, { defaultValue: k })).join(', ')
                      : t('admin.webhooks.allKinds')}
                  </Table.Td>
                  <Table.Td>
                    <Badge tt="none" variant="outline" color={h.active ? 'teal.9' : 'gray.7'}>
                      {h.active ? t('admin.webhooks.active') : t('admin.webhooks.disabled')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(h.secretRotatedAt ?? h.createdAt, lang)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="outline"
                        onClick={() => toggle.mutate(h)}
                        loading={toggle.isPending && toggle.variables?.id === h.id}
                      >
                        {h.active ? t('admin.webhooks.disable') : t('admin.webhooks.enable')}
                      </Button>
                      <Button
                        size="xs"
                        variant="outline"
                        onClick={() => rotate.mutate(h.id)}
                        loading={rotate.isPending && rotate.variables === h.id}
                      >
                        {t('admin.webhooks.rotate')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setDeliveriesOf(deliveriesOf === h.id ? null : h.id)}
                        aria-expanded={deliveriesOf === h.id}
                      >
                        {t('admin.webhooks.deliveries')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {deliveriesOf && <Deliveries id={deliveriesOf} />}
    </Stack>
  );
}

function Deliveries({ id }: { id: string }) {
  const { t, lang } = useLang();
  const q = useWebhookDeliveries(id);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="deliveries-title">
      <Title order={3} size="h5" id="deliveries-title" mb="xs">
        {t('admin.webhooks.deliveriesTitle')}
      </Title>
      {q.isPending && <Skeleton h={60} />}
      {q.isError && <ErrorAlert error={q.error} />}
      {q.data && q.data.items.length === 0 && <Text c="dimmed">{t('admin.webhooks.noDeliveries')}</Text>}
      {q.data && q.data.items.length > 0 && (
        <Table withTableBorder verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.webhooks.colKind')}</Table.Th>
              <Table.Th>{t('admin.webhooks.colStatus')}</Table.Th>
              <Table.Th>{t('admin.webhooks.colAttempts')}</Table.Th>
              <Table.Th>{t('admin.webhooks.colLast')}</Table.Th>
              <Table.Th>{t('admin.webhooks.colWhen')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td ff="monospace" fz="sm">
                  {d.kind}
                </Table.Td>
                <Table.Td>{t(`admin.webhooks.delivery.${d.status}`)}</Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {[d.lastHttpStatus, d.lastErrorCode].filter((x) => x !== null).join(' · ') || '—'}
                </Table.Td>
                <Table.Td>{formatDateTime(d.sentAt ?? d.nextAttemptAt ?? d.createdAt, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function AlertsSection() {
  const { t, lang } = useLang();
  const q = useSecurityAlerts();
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('admin.alerts.intro')}
      </Text>
      {q.isPending && <Skeleton h={80} />}
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && items.length === 0 && <Text c="dimmed">{t('admin.alerts.none')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid="alert-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.alerts.when')}</Table.Th>
                <Table.Th>{t('admin.alerts.kind')}</Table.Th>
                <Table.Th>{t('admin.alerts.user')}</Table.Th>
                <Table.Th>{t('admin.alerts.action')}</Table.Th>
                <Table.Th>{t('admin.alerts.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{formatDateTime(a.createdAt, lang)}</Table.Td>
                  <Table.Td>{t(`admin.alerts.kindName.${a.kind}`)}</Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {a.userId}
                  </Table.Td>
                  <Table.Td>{t(`admin.alerts.actionName.${a.action}`)}</Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {detailLines(a.details).map((l) => (
                      <div key={l}>{l}</div>
                    ))}
                  </Table.Td>
                </Table.Tr>
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
    </Stack>
  );
}
