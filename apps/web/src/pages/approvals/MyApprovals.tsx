import { Anchor, Group, List, Text, Title } from '@mantine/core';
import { useMyApprovals } from '../../api/approvals.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { navigate } from '../../router.tsx';
import { approvalSubjectPath } from './approvals.ts';
import { WithdrawApproval } from './WithdrawApproval.tsx';

/** What the reader asked a second person to approve, still unanswered, each with the way to withdraw it. Nothing when there is none. */
export function MyApprovals() {
  const { t, lang } = useLang();
  const q = useMyApprovals(true);
  if (q.isError) return <ErrorAlert error={q.error} />;
  if (!q.data?.items.length) return null;
  const act = (a: string) => t(`dashboard.approvalAct.${a}`, { defaultValue: a });
  return (
    <section aria-labelledby="my-approvals-title" data-testid="my-approvals">
      <Title order={3} size="h5" id="my-approvals-title" mt="md" mb={4}>
        {t('approvals.mine')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('approvals.mineIntro')}
      </Text>
      <List size="sm" spacing={4}>
        {q.data.items.map((a) => {
          const to = approvalSubjectPath(a);
          return (
            <List.Item key={a.id} data-testid="my-approval" data-subject={a.subjectId}>
              {to ? (
                <Anchor
                  href={to}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(to);
                  }}
                  fw={600}
                >
                  {act(a.act)}
                </Anchor>
              ) : (
                <Text span fw={600}>
                  {act(a.act)}
                </Text>
              )}{' '}
              — {t('approvals.askedOn', { date: formatDateTime(a.firstAt, lang) })} ·{' '}
              {t('dashboard.approvalExpires', { date: formatDateTime(a.expiresAt, lang) })}
              {a.firstReason && (
                <Text size="xs" c="dimmed">
                  {t('match.reasonGiven', { reason: a.firstReason })}
                </Text>
              )}
              <Group gap="xs" mt={4} mb="xs">
                <WithdrawApproval approval={a} size="xs" />
              </Group>
            </List.Item>
          );
        })}
      </List>
    </section>
  );
}
