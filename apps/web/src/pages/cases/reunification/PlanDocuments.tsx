import { Checkbox, Stack, Text } from '@mantine/core';
import { useLang } from '../../../i18n/useLang.ts';
import type { Plan } from './plan-form.ts';

/** The documents checklist; ticking one done is progress, not a change of plan (the approvals stand). */
export function PlanDocuments({
  plan,
  editable,
  canTick,
  pending,
  onTick,
}: {
  plan: Plan;
  /** The plan may still change (draft or approved). */
  editable: boolean;
  /** The reader may tick documents now. */
  canTick: boolean;
  pending: boolean;
  onTick: (index: number, done: boolean) => void;
}) {
  const { t } = useLang();
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('fields.documents')}
      </Text>
      {plan.documents.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reunification.noDocuments')}
        </Text>
      )}
      <Stack gap={6} data-testid="documents">
        {plan.documents.map((d, i) => (
          <Checkbox
            key={`${i}:${d.item}`}
            label={d.required ? d.item : `${d.item} (${t('reunification.optional')})`}
            checked={d.done}
            disabled={!canTick || pending}
            onChange={(e) => onTick(i, e.currentTarget.checked)}
            data-testid="document"
          />
        ))}
      </Stack>
      {plan.documents.length > 0 && editable && (
        <Text size="xs" c="dimmed">
          {t('reunification.tickKeepsApprovals')}
        </Text>
      )}
    </Stack>
  );
}
