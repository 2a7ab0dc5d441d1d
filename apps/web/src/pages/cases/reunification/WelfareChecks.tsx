import { Button, Modal, Table, Text, Title } from '@mantine/core';
import type { CaseDetail } from '@homeward/contracts';
import { useState } from 'react';
import type { WelfareCheck } from '../../../api/client.ts';
import { useCan } from '../../../auth/session.tsx';
import { Actor } from '../../../components/Actor.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { Withheld } from '../../../components/Withheld.tsx';
import { formatPartialDate } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/useLang.ts';
import { WelfareForm } from './WelfareForm.tsx';

/** The welfare checks after the handover, by the number of days after it, with the way to record one. */
export function WelfareChecks({ c, checks }: { c: CaseDetail; checks: WelfareCheck[] }) {
  const { t, lang } = useLang();
  const canWrite = useCan('case.write');
  const [recording, setRecording] = useState<WelfareCheck | null>(null);
  const rows = [...checks].sort((a, b) => a.offsetDays - b.offsetDays);
  return (
    <section aria-labelledby="welfare-title">
      <Title order={2} size="h4" id="welfare-title" mb="xs">
        {t('reunification.welfareChecks')}
      </Title>
      <Table.ScrollContainer minWidth={680}>
        <Table withTableBorder striped data-testid="welfare-checks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reunification.colAfter')}</Table.Th>
              <Table.Th>{t('reunification.colDue')}</Table.Th>
              <Table.Th>{t('reunification.colStatus')}</Table.Th>
              <Table.Th>{t('reunification.colOutcome')}</Table.Th>
              <Table.Th>{t('contact.colNotes')}</Table.Th>
              <Table.Th>{t('contact.colAction')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((w) => (
              <Table.Tr key={w.id} data-testid="welfare-row" data-status={w.status}>
                <Table.Td>{t('reunification.daysAfter', { count: w.offsetDays })}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatPartialDate(w.dueOn, lang)}
                  {w.overdueFlaggedAt && w.status === 'scheduled' && (
                    <Text span c="red.9" size="sm" fw={600}>
                      {' '}
                      · {t('enums.contactState.overdue')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <StatusBadge kind="welfareStatus" status={w.status} />
                </Table.Td>
                <Table.Td>
                  {w.outcome ? (
                    <Text
                      span
                      size="sm"
                      fw={600}
                      c={w.outcome === 'well' ? 'teal.9' : w.outcome === 'urgent' ? 'red.9' : 'orange.9'}
                    >
                      {t(`enums.welfareOutcome.${w.outcome}`)}
                    </Text>
                  ) : (
                    (w.missedReason ?? '—')
                  )}
                </Table.Td>
                <Table.Td className="pre-wrap">{'notes' in w ? (w.notes ?? '—') : <Withheld />}</Table.Td>
                <Table.Td>
                  {canWrite && w.status === 'scheduled' ? (
                    <Button size="xs" variant="outline" onClick={() => setRecording(w)}>
                      {t('contact.record')}
                    </Button>
                  ) : w.recordedBy ? (
                    <Text size="xs" c="dimmed">
                      <Actor userId={w.recordedBy} />
                    </Text>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={recording !== null}
        onClose={() => setRecording(null)}
        title={t('reunification.recordCheck')}
        centered
      >
        {recording && (
          <WelfareForm
            key={recording.id}
            caseId={c.id}
            check={recording}
            onClose={() => setRecording(null)}
          />
        )}
      </Modal>
    </section>
  );
}
