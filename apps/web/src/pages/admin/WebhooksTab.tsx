import {
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { knownNotificationKinds } from '@homeward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type WebhookSubscription } from '../../api/client.ts';
import { useWebhookDeliveries, useWebhooks } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { ShownOnce } from './ShownOnce.tsx';

/** Webhook subscriptions of the party: create (secret shown once), switch off and on, rotate, deliveries. */
export function WebhooksTab() {
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
