import { Button, Group, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { welfareOutcomes, welfareRecord } from '@homeward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type WelfareCheck, type WelfareRecord } from '../../../api/client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useIssueText } from '../../../components/useIssueText.ts';
import { check, issuesOf, type Checked } from '../../../components/validation.ts';
import { formatPartialDate } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/useLang.ts';

/** Records one welfare check: done (with how the child is) or missed (with why). */
export function WelfareForm({
  caseId,
  check: wc,
  onClose,
}: {
  caseId: string;
  check: WelfareCheck;
  onClose: () => void;
}) {
  const { t, lang } = useLang();
  const qc = useQueryClient();
  const [status, setStatus] = useState<'done' | 'missed'>('done');
  const [outcome, setOutcome] = useState<(typeof welfareOutcomes)[number]>('well');
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState('');
  const [checked, setChecked] = useState<Checked<WelfareRecord> | null>(null);
  const issue = useIssueText(issuesOf(checked));
  const save = useMutation({
    mutationFn: (body: WelfareRecord) => api.recordWelfareCheck(wc.id, body),
    onSuccess: async () => {
      onClose();
      await qc.invalidateQueries({ queryKey: ['cases', 'reunification', caseId] });
    },
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const extra = notes.trim() ? { notes } : {};
        const c = check(
          welfareRecord,
          status === 'done' ? { status, outcome, ...extra } : { status, reason, ...extra },
        );
        setChecked(c);
        if (c.ok) save.mutate(c.data);
      }}
    >
      <Stack>
        <Text size="sm">
          {t('reunification.recordCheckIntro', {
            count: wc.offsetDays,
            date: formatPartialDate(wc.dueOn, lang),
          })}
        </Text>
        <SegmentedControl
          fullWidth
          value={status}
          onChange={(v) => setStatus(v as 'done' | 'missed')}
          data={(['done', 'missed'] as const).map((s) => ({
            value: s,
            label: t(`enums.welfareStatus.${s}`),
          }))}
          aria-label={t('reunification.colStatus')}
        />
        {status === 'done' ? (
          <Select
            label={t('reunification.colOutcome')}
            data={welfareOutcomes.map((o) => ({ value: o, label: t(`enums.welfareOutcome.${o}`) }))}
            value={outcome}
            onChange={(v) => v && setOutcome(v as typeof outcome)}
            allowDeselect={false}
            description={outcome === 'urgent' ? t('reunification.urgentHint') : undefined}
          />
        ) : (
          <Textarea
            label={t('case.reason')}
            required
            autosize
            minRows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={issue('reason')}
          />
        )}
        <Textarea
          label={t('contact.notes')}
          autosize
          minRows={2}
          maxLength={4000}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={issue('notes')}
        />
        {save.isError && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('case.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('reunification.saveCheck')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
