import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { ContactRecordInput } from '@homeward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ContactOccurrence } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useIssueText } from '../../../components/useIssueText.ts';
import { issuesOf, type Checked } from '../../../components/validation.ts';
import { formatDateTime } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/useLang.ts';
import { isoToLocalInput } from '../reunification/reunification.ts';
import { checkRecord, outcomesWhile, type Outcome, type RecordForm } from './record-form.ts';

/** Records one contact (once): held, missed or cancelled. While contact is suspended, not held. */
export function RecordDialog({
  occurrence,
  suspended,
  onClose,
}: {
  occurrence: ContactOccurrence | null;
  suspended: boolean;
  onClose: () => void;
}) {
  const { t } = useLang();
  return (
    <Modal opened={occurrence !== null} onClose={onClose} title={t('contact.recordTitle')} centered>
      {occurrence && (
        <RecordFormBody key={occurrence.id} occurrence={occurrence} suspended={suspended} onClose={onClose} />
      )}
    </Modal>
  );
}

function RecordFormBody({
  occurrence,
  suspended,
  onClose,
}: {
  occurrence: ContactOccurrence;
  suspended: boolean;
  onClose: () => void;
}) {
  const { t, lang } = useLang();
  const qc = useQueryClient();
  const allowed = outcomesWhile(suspended);
  const [f, setF] = useState<RecordForm>(() => ({
    outcome: allowed[0]!,
    heldAt: isoToLocalInput(new Date().toISOString()),
    duration: 30,
    reason: '',
    notes: '',
    wellbeing: '',
  }));
  const [checked, setChecked] = useState<Checked<ContactRecordInput> | null>(null);
  const issue = useIssueText(issuesOf(checked));
  const set = <K extends keyof RecordForm>(k: K, v: RecordForm[K]) => setF((p) => ({ ...p, [k]: v }));
  const record = useMutation({
    mutationFn: (body: ContactRecordInput) => api.recordContact(occurrence.id, body),
    onSuccess: async () => {
      onClose();
      await qc.invalidateQueries({ queryKey: ['cases', 'contact', occurrence.caseId] });
    },
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const c = checkRecord(f);
        setChecked(c);
        if (c.ok) record.mutate(c.data);
      }}
    >
      <Stack>
        <Text size="sm">
          {t('contact.recordIntro', {
            channel: t(`enums.contactChannel.${occurrence.channel}`),
            date: formatDateTime(occurrence.dueAt, lang),
          })}
        </Text>
        {suspended && (
          <Alert color="orange.9" variant="outline" p="sm">
            <Text size="sm">{t('contact.suspendedRecordHint')}</Text>
          </Alert>
        )}
        <SegmentedControl
          fullWidth
          value={f.outcome}
          onChange={(v) => set('outcome', v as Outcome)}
          data={allowed.map((o) => ({ value: o, label: t(`enums.contactState.${o}`) }))}
          aria-label={t('contact.outcome')}
        />
        {f.outcome === 'held' ? (
          <Group grow align="flex-start">
            <TextInput
              type="datetime-local"
              label={t('fields.heldAt')}
              value={f.heldAt}
              onChange={(e) => set('heldAt', e.currentTarget.value)}
              error={issue('heldAt')}
            />
            <NumberInput
              label={t('fields.durationMinutes')}
              min={1}
              max={600}
              value={f.duration}
              onChange={(v) => set('duration', v)}
              required
              error={issue('durationMinutes')}
            />
          </Group>
        ) : (
          <Textarea
            label={t('case.reason')}
            required
            value={f.reason}
            onChange={(e) => set('reason', e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            error={issue('reason')}
          />
        )}
        <Textarea
          label={t('contact.notes')}
          value={f.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={5000}
          error={issue('notes')}
        />
        {f.outcome !== 'cancelled' && (
          <Textarea
            label={t('contact.wellbeing')}
            description={t('contact.wellbeingHint')}
            value={f.wellbeing}
            onChange={(e) => set('wellbeing', e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={5000}
            error={issue('wellbeing')}
          />
        )}
        {record.isError && <ErrorAlert error={record.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('case.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('contact.saveRecord')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
