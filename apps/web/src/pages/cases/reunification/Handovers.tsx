import {
  Button,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { handoverInput, type CaseDetail, type HandoverInput } from '@homeward/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ReunificationView } from '../../../api/client.ts';
import { useCan } from '../../../auth/session.tsx';
import { Actor } from '../../../components/Actor.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Field, Fields } from '../../../components/Fields.tsx';
import { useIssueText } from '../../../components/useIssueText.ts';
import { check, issuesOf, type Checked } from '../../../components/validation.ts';
import { Withheld } from '../../../components/Withheld.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/useLang.ts';
import { sides } from './PlanApprovals.tsx';
import { isoToLocalInput, localInputToIso, planActions, shortHash } from './reunification.ts';
import { useViewUpdate } from './use-view-update.ts';

/** The handover as each side recorded it (signed by both), or the form for the reader's side. */
export function Handovers({ c, view }: { c: CaseDetail; view: ReunificationView }) {
  const { t, lang } = useLang();
  const canWrite = useCan('case.write');
  const actions = planActions(view);
  return (
    <section aria-labelledby="handover-title">
      <Title order={2} size="h4" id="handover-title" mb="xs">
        {t('reunification.handover')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {sides.map((s) => {
          const h = view.handovers.find((x) => x.side === s);
          return (
            <Paper
              key={s}
              withBorder
              p="sm"
              data-testid="handover"
              data-side={s}
              data-done={h ? 'yes' : 'no'}
            >
              <Text size="sm" fw={600} mb={4}>
                {t(`reunification.side.${s}`)}
                {view.side === s ? ` (${t('reunification.yourSide')})` : ''}
              </Text>
              {h ? (
                <Fields vertical>
                  <Field label={t('fields.handedOverAt')} value={formatDateTime(h.handedOverAt, lang)} />
                  <Field label={t('reunification.confirmedBy')} value={<Actor userId={h.confirmedBy} />} />
                  <Field label={t('contact.notes')} value={'notes' in h ? h.notes : <Withheld />} />
                  <Field
                    label={t('contact.wellbeing')}
                    value={'childWellbeing' in h ? h.childWellbeing : <Withheld />}
                  />
                  <Field
                    label={t('reunification.recordHash')}
                    value={<Code>{shortHash(h.recordHash)}</Code>}
                  />
                </Fields>
              ) : view.side === s && canWrite && actions.handover ? (
                <HandoverForm caseId={c.id} planId={view.plan!.id} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('reunification.handoverAwaited')}
                </Text>
              )}
            </Paper>
          );
        })}
      </SimpleGrid>
    </section>
  );
}

function HandoverForm({ caseId, planId }: { caseId: string; planId: string }) {
  const { t } = useLang();
  const update = useViewUpdate(caseId);
  const [at, setAt] = useState(() => isoToLocalInput(new Date().toISOString()));
  const [notes, setNotes] = useState('');
  const [wellbeing, setWellbeing] = useState('');
  const [checked, setChecked] = useState<Checked<HandoverInput> | null>(null);
  const issue = useIssueText(issuesOf(checked));
  const save = useMutation({
    mutationFn: (body: HandoverInput) => api.recordHandover(planId, body),
    onSuccess: update,
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const c = check(handoverInput, {
          handedOverAt: localInputToIso(at) ?? '',
          ...(notes.trim() ? { notes } : {}),
          ...(wellbeing.trim() ? { childWellbeing: wellbeing } : {}),
        });
        setChecked(c);
        if (c.ok) save.mutate(c.data);
      }}
    >
      <Stack gap="xs">
        <TextInput
          type="datetime-local"
          label={t('fields.handedOverAt')}
          required
          value={at}
          onChange={(e) => setAt(e.currentTarget.value)}
          error={issue('handedOverAt')}
        />
        <Textarea
          label={t('contact.notes')}
          autosize
          minRows={2}
          maxLength={4000}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={issue('notes')}
        />
        <Textarea
          label={t('contact.wellbeing')}
          description={t('contact.wellbeingHint')}
          autosize
          minRows={2}
          maxLength={4000}
          value={wellbeing}
          onChange={(e) => setWellbeing(e.currentTarget.value)}
          error={issue('childWellbeing')}
        />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="handover-submit">
            {t('reunification.recordHandover')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
