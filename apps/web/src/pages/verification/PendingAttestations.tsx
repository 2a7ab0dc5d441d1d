import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMyApprovals } from '../../api/approvals.ts';
import type { Approval, AttestationSubjectType } from '../../api/client.ts';
import { useApprovals } from '../../api/queries.ts';
import { useCan } from '../../auth/session.tsx';
import { Actor } from '../../components/Actor.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { ApprovalActions } from '../approvals/ApprovalActions.tsx';
import { attestationApprovalsOf, attestationAsked } from '../approvals/approvals.ts';
import { WithdrawApproval } from '../approvals/WithdrawApproval.tsx';

/**
 * Statements about this record that wait for a second verifier (two-person rule, docs/SECURITY.md):
 * the reader's own, which they may withdraw, and those the reader may approve, which signs them.
 * Nothing when there is none.
 */
export function PendingAttestations({
  subjectType,
  subjectId,
}: {
  subjectType: AttestationSubjectType;
  subjectId: string;
}) {
  const { t } = useLang();
  const canGive = useCan('approval.give');
  const mine = useMyApprovals(canGive);
  const toGive = useApprovals(canGive);
  const own = attestationApprovalsOf(mine.data?.items, subjectType, subjectId);
  const theirs = attestationApprovalsOf(toGive.data?.items, subjectType, subjectId);
  const error = mine.error ?? toGive.error;
  if (error) return <ErrorAlert error={error} />;
  if (own.length === 0 && theirs.length === 0) return null;
  return (
    <Card
      withBorder
      component="section"
      aria-labelledby="pending-attestations-title"
      data-testid="pending-attestations"
    >
      <Title order={2} size="h5" id="pending-attestations-title" mb={4}>
        {t('verification.pending.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('verification.pending.intro')}
      </Text>
      <Stack gap="sm">
        {own.map((a) => (
          <PendingItem key={a.id} approval={a} mine />
        ))}
        {theirs.map((a) => (
          <PendingItem key={a.id} approval={a} mine={false} />
        ))}
      </Stack>
    </Card>
  );
}

function PendingItem({ approval: a, mine }: { approval: Approval; mine: boolean }) {
  const { t, lang } = useLang();
  // A party-defined claim has no translation: shown as the server names it.
  const known = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  const asked = attestationAsked(a);
  return (
    <Stack
      gap={4}
      data-testid="pending-attestation"
      data-approval={a.id}
      data-view={mine ? 'mine' : 'approve'}
    >
      <Group gap={6}>
        <Badge tt="none" variant="outline" color="orange.9">
          {t('verification.pending.awaiting')}
        </Badge>
        {asked && (
          <Text size="sm" fw={600}>
            {known(`verification.claim.${asked.claim}`, asked.claim)} —{' '}
            {known(`verification.decision.${asked.decision}`, asked.decision)}
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {mine ? (
          t('verification.pending.mine')
        ) : (
          <>
            {t('verification.pending.askedBy')} <Actor userId={a.firstUserId} />
          </>
        )}
        , {formatDateTime(a.firstAt, lang)} ·{' '}
        {t('dashboard.approvalExpires', { date: formatDateTime(a.expiresAt, lang) })}
      </Text>
      {!mine && (
        <Text size="xs" c="dimmed">
          {t('verification.pending.approveHint')}
        </Text>
      )}
      <Group gap="xs">
        {mine ? <WithdrawApproval approval={a} size="xs" /> : <ApprovalActions approval={a} size="xs" />}
      </Group>
    </Stack>
  );
}
