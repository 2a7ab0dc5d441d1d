import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import type { CaseDetail } from '@homeward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type CaseMessage } from '../../api/client.ts';
import { useCaseMessages } from '../../api/queries.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { Actor } from '../../components/Actor.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ReasonDialog } from '../../components/ReasonDialog.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { isWithheld, Withheld } from '../../components/Withheld.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { contactActiveStatuses } from './contact/contact.ts';

/**
 * The case's message thread. The server sends only what this reader may see: the other side's
 * messages once approved; pending and returned ones to the sender's party and the reviewers.
 */
export function MessagesSection({ c }: { c: CaseDetail }) {
  const { t } = useLang();
  const q = useCaseMessages(c.id);
  const canSend = useCan('contact.write');
  const items = [...(q.data?.items ?? [])].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return (
    <Stack data-testid="messages-section">
      <Text size="sm" c="dimmed">
        {t('messages.intro')}
      </Text>
      {q.isPending && <Skeleton h={160} role="status" aria-label={t('app.loading')} />}
      {q.isError && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && items.length === 0 && <Text size="sm">{t('messages.empty')}</Text>}
      <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((m) => (
          <li key={m.id}>
            <MessageCard m={m} caseId={c.id} />
          </li>
        ))}
      </Stack>
      {canSend && contactActiveStatuses.includes(c.status) && <Compose caseId={c.id} />}
      {canSend && !contactActiveStatuses.includes(c.status) && (
        <Text size="sm" c="dimmed">
          {t('messages.caseNotActive')}
        </Text>
      )}
    </Stack>
  );
}

function MessageCard({ m, caseId }: { m: CaseMessage; caseId: string }) {
  const { t, lang } = useLang();
  const qc = useQueryClient();
  const { session } = useSession();
  const canReview = useCan('message.review');
  const [returning, setReturning] = useState(false);
  const review = useMutation({
    mutationFn: (body: { decision: 'approve' } | { decision: 'return'; reason: string }) =>
      api.reviewMessage(m.id, body),
    onSuccess: async () => {
      setReturning(false);
      await qc.invalidateQueries({ queryKey: ['cases', 'messages', caseId] });
    },
  });
  const ownMessage = m.submittedBy === session.user.id;
  const pending = m.status === 'pending-review';
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="message"
      data-status={m.status}
      data-direction={m.direction}
      style={{
        borderLeft: `4px solid var(--mantine-color-${m.direction === 'family-to-child' ? 'blue' : 'teal'}-7)`,
      }}
    >
      <Group justify="space-between" gap="xs" mb={4}>
        <Text size="sm" fw={600}>
          {t(`enums.messageDirection.${m.direction}`)}
        </Text>
        <StatusBadge kind="messageStatus" status={m.status} />
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {t('messages.sentBy', { date: formatDateTime(m.submittedAt, lang) })} <Actor userId={m.submittedBy} />
        {m.reviewedAt && (
          <>
            {' · '}
            {t('messages.reviewedBy', { date: formatDateTime(m.reviewedAt, lang) })}{' '}
            <Actor userId={m.reviewedBy} />
          </>
        )}
      </Text>
      {isWithheld(m.withheld, 'body') ? (
        <Withheld />
      ) : (
        <Text className="pre-wrap" data-testid="message-body">
          {m.body}
        </Text>
      )}
      {m.status === 'returned' && m.returnReason && (
        <Alert color="red.9" variant="outline" mt="xs" p="xs">
          <Text size="sm">{t('messages.returnedBecause', { reason: m.returnReason })}</Text>
        </Alert>
      )}
      {pending && !canReview && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('messages.awaitingReview')}
        </Text>
      )}
      {pending && canReview && ownMessage && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('messages.notOwnReview')}
        </Text>
      )}
      {pending && canReview && !ownMessage && (
        <Stack gap="xs" mt="sm">
          {review.isError && !returning && <ErrorAlert error={review.error} />}
          <Group gap="sm">
            <Button
              size="xs"
              color="teal.9"
              loading={review.isPending && review.variables?.decision === 'approve'}
              onClick={() => review.mutate({ decision: 'approve' })}
            >
              {t('messages.approve')}
            </Button>
            <Button
              size="xs"
              color="red.9"
              variant="outline"
              onClick={() => {
                review.reset();
                setReturning(true);
              }}
            >
              {t('messages.return')}…
            </Button>
          </Group>
        </Stack>
      )}
      <ReasonDialog
        opened={returning}
        title={t('messages.returnTitle')}
        intro={t('messages.returnIntro')}
        submitLabel={t('messages.return')}
        color="red.9"
        pending={review.isPending}
        error={review.error}
        onSubmit={(reason) => review.mutate({ decision: 'return', reason })}
        onClose={() => setReturning(false)}
      />
    </Paper>
  );
}

function Compose({ caseId }: { caseId: string }) {
  const { t } = useLang();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: (text: string) => api.submitMessage(caseId, text),
    onSuccess: async () => {
      setBody('');
      await qc.invalidateQueries({ queryKey: ['cases', 'messages', caseId] });
    },
  });
  const trimmed = body.trim();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="compose-title">
      <Title order={2} size="h5" id="compose-title" mb="xs">
        {t('messages.compose')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (trimmed) send.mutate(trimmed);
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={t('messages.text')}
            description={t('messages.reviewFirst')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={5000}
          />
          {send.isError && <ErrorAlert error={send.error} />}
          {send.isSuccess && (
            <Text size="sm" role="status" data-testid="message-sent">
              {t('messages.sent')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={send.isPending} disabled={!trimmed}>
              {t('messages.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
