import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import type { CaseDetail, CaseStatusCode } from '@homeward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { moveKind } from './case-steps.ts';

const buttonLook = {
  forward: { color: 'blue.8', variant: 'filled' },
  close: { color: 'gray.8', variant: 'filled' },
  resume: { color: 'blue.8', variant: 'outline' },
  back: { color: 'gray.8', variant: 'default' },
  exit: { color: 'orange.9', variant: 'outline' },
} as const;

/**
 * One button per move the server allows now; a move that needs a reason asks for it first.
 * Steps only the reunification workflow takes are shown disabled, saying what they wait for.
 */
export function CaseActions({ c, onReload }: { c: CaseDetail; onReload: () => void }) {
  const { t } = useLang();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<CaseStatusCode | null>(null);
  const [reason, setReason] = useState('');
  const move = useMutation({
    mutationFn: (body: { to: CaseStatusCode; reason?: string }) =>
      api.transitionCase(c.id, { ...body, version: c.version }),
    onSuccess: (updated) => {
      setAsking(null);
      setReason('');
      qc.setQueryData(['cases', 'one', c.id], updated);
      void qc.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
  });
  const conflict = move.error instanceof ApiError && move.error.code === 'VERSION_CONFLICT';
  const label = (to: CaseStatusCode) =>
    t(`case.move.${moveKind(c.status, to)}`, { status: t(`enums.caseStatus.${to}`) });
  const trimmed = reason.trim();

  return (
    <Stack gap="sm">
      {conflict && (
        <Alert color="orange.9" variant="outline" role="alert" data-testid="version-conflict">
          <Text size="sm">{t('case.conflict')}</Text>
          <Button
            size="xs"
            mt="xs"
            variant="outline"
            onClick={() => {
              move.reset();
              onReload();
            }}
          >
            {t('case.reload')}
          </Button>
        </Alert>
      )}
      {!conflict && move.isError && !asking && <ErrorAlert error={move.error} />}
      {c.allowedTransitions.length === 0 && c.reservedTransitions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('case.noMoves')}
        </Text>
      )}
      <Group gap="sm">
        {c.allowedTransitions.map((m) => {
          const look = buttonLook[moveKind(c.status, m.to)];
          return (
            <Button
              key={m.to}
              color={look.color}
              variant={look.variant}
              data-to={m.to}
              loading={move.isPending && move.variables?.to === m.to && !asking}
              disabled={conflict}
              onClick={() => {
                move.reset();
                if (m.needsReason) {
                  setReason('');
                  setAsking(m.to);
                } else move.mutate({ to: m.to });
              }}
            >
              {label(m.to)}
              {m.needsReason ? '…' : ''}
            </Button>
          );
        })}
      </Group>
      {c.reservedTransitions.map((r) => (
        <Group key={r.to} gap="sm" wrap="nowrap" data-testid="reserved">
          <Button disabled variant="default" aria-describedby={`reserved-${r.to}`}>
            {label(r.to)}
          </Button>
          <Text size="sm" c="dimmed" id={`reserved-${r.to}`}>
            {t(`case.via.${r.via}`)}
          </Text>
        </Group>
      ))}
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={asking ? label(asking) : ''}
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (asking && trimmed) move.mutate({ to: asking, reason: trimmed });
          }}
        >
          <Stack>
            <Text size="sm">{t('case.reasonIntro')}</Text>
            <Textarea
              label={t('case.reason')}
              required
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={3}
              maxLength={2000}
              data-autofocus
            />
            {move.isError && !conflict && <ErrorAlert error={move.error} />}
            {conflict && (
              <Alert color="orange.9" variant="outline" role="alert">
                {t('case.conflict')}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(null)}>
                {t('case.cancel')}
              </Button>
              <Button type="submit" loading={move.isPending} disabled={!trimmed || conflict}>
                {t('case.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
