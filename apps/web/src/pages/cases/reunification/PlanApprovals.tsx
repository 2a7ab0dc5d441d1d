import { Code, Paper, SimpleGrid, Text } from '@mantine/core';
import type { ReunificationView } from '../../../api/client.ts';
import { Actor } from '../../../components/Actor.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/useLang.ts';
import type { Plan } from './plan-form.ts';
import { approvalState, shortHash, type Side } from './reunification.ts';

export const sides: Side[] = ['holding', 'family'];

/** Each side's approval: none yet, given for the content shown, or given for other (stale) content. */
export function PlanApprovals({ view, plan }: { view: ReunificationView; plan: Plan }) {
  const { t, lang } = useLang();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="approvals">
      {sides.map((s) => {
        const state = approvalState(plan, s);
        const a = plan.approvals[s];
        return (
          <Paper key={s} withBorder p="sm" data-side={s} data-approval={state}>
            <Text size="sm" fw={600}>
              {t(`reunification.side.${s}`)}
              {view.side === s ? ` (${t('reunification.yourSide')})` : ''}
            </Text>
            {state === 'none' && (
              <Text size="sm" c="dimmed">
                {t('reunification.awaitingApproval')}
              </Text>
            )}
            {a && state !== 'none' && (
              <Text size="sm" c={state === 'stale' ? 'orange.9' : 'teal.9'}>
                {state === 'stale' ? t('reunification.approvalStale') : t('reunification.approvedOn')}{' '}
                {formatDateTime(a.at, lang)} · <Actor userId={a.userId} /> ·{' '}
                <Code>{shortHash(a.contentHash)}</Code>
              </Text>
            )}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
