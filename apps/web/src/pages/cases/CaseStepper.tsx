import { Badge, Group, Text } from '@mantine/core';
import type { CaseDetail } from '@homeward/contracts';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { caseSteps, type StepState } from './case-steps.ts';

const look: Record<StepState, { bg: string; fg: string; border: string }> = {
  done: { bg: 'var(--mantine-color-teal-8)', fg: '#fff', border: 'var(--mantine-color-teal-8)' },
  current: { bg: 'var(--mantine-color-blue-8)', fg: '#fff', border: 'var(--mantine-color-blue-8)' },
  paused: { bg: '#fff', fg: 'var(--mantine-color-orange-9)', border: 'var(--mantine-color-orange-9)' },
  skipped: {
    bg: 'var(--mantine-color-gray-1)',
    fg: 'var(--mantine-color-gray-7)',
    border: 'var(--mantine-color-gray-4)',
  },
  upcoming: { bg: '#fff', fg: 'var(--mantine-color-gray-7)', border: 'var(--mantine-color-gray-5)' },
};
const mark: Record<StepState, string> = { done: '✓', current: '●', paused: '‖', skipped: '–', upcoming: '' };

/** The main line of the case as a row of steps, with the side exits taken shown beneath it. */
export function CaseStepper({ c }: { c: CaseDetail }) {
  const { t, lang } = useLang();
  const { steps, exits } = caseSteps(c.status, c.history);
  return (
    <div>
      <ol
        aria-label={t('case.progress')}
        data-testid="case-stepper"
        style={{ display: 'flex', flexWrap: 'wrap', gap: 4, listStyle: 'none', padding: 0, margin: 0 }}
      >
        {steps.map((s, i) => {
          const l = look[s.state];
          return (
            <li
              key={s.status}
              data-status={s.status}
              data-state={s.state}
              aria-current={s.state === 'current' ? 'step' : undefined}
              style={{ flex: '1 1 110px', minWidth: 110, textAlign: 'center' }}
            >
              <div style={{ display: 'flex', alignItems: 'center' }}>
                <div
                  style={{
                    flex: 1,
                    height: 2,
                    background: i ? 'var(--mantine-color-gray-4)' : 'transparent',
                  }}
                />
                <div
                  aria-hidden="true"
                  style={{
                    width: 26,
                    height: 26,
                    borderRadius: '50%',
                    border: `2px solid ${l.border}`,
                    background: l.bg,
                    color: l.fg,
                    fontSize: 13,
                    fontWeight: 700,
                    lineHeight: '22px',
                  }}
                >
                  {mark[s.state] || i + 1}
                </div>
                <div
                  style={{
                    flex: 1,
                    height: 2,
                    background: i < steps.length - 1 ? 'var(--mantine-color-gray-4)' : 'transparent',
                  }}
                />
              </div>
              <Text size="xs" fw={s.state === 'current' || s.state === 'paused' ? 700 : 400} mt={4}>
                {t(`enums.caseStatus.${s.status}`)}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`case.step.${s.state}`)}
              </Text>
            </li>
          );
        })}
      </ol>
      {exits.length > 0 && (
        <Group gap="xs" mt="sm" data-testid="side-exits">
          <Text size="sm" fw={600}>
            {t('case.sideExits')}
          </Text>
          {exits.map((e, i) => (
            <Badge key={i} color="orange.9" variant={e.to === c.status ? 'filled' : 'outline'} tt="none">
              {t(`enums.caseStatus.${e.to}`)} · {formatDateTime(e.at, lang)}
            </Badge>
          ))}
        </Group>
      )}
    </div>
  );
}
