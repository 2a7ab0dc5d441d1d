import { Button, Table, Text, Title } from '@mantine/core';
import type { CaseContact, ContactOccurrence } from '../../../api/client.ts';
import { useCan } from '../../../auth/session.tsx';
import { Actor } from '../../../components/Actor.tsx';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { isWithheld, Withheld } from '../../../components/Withheld.tsx';
import { formatDateTime } from '../../../i18n/format.ts';
import { useLang } from '../../../i18n/useLang.ts';
import { occurrenceState, recordable } from './contact.ts';

/** Every contact of the case, newest first, with what was recorded and the way to record one. */
export function ContactsTable({
  contact,
  onRecord,
}: {
  contact: CaseContact;
  onRecord: (o: ContactOccurrence) => void;
}) {
  const { t, lang } = useLang();
  const canWrite = useCan('contact.write');
  const planActive = contact.plan?.status === 'active';
  const now = new Date();
  const wellbeingHidden = isWithheld(contact.withheld, 'occurrences.wellbeing');
  const rows = [...contact.occurrences].sort((a, b) => b.dueAt.localeCompare(a.dueAt));
  return (
    <section aria-labelledby="contacts-title">
      <Title order={2} size="h4" id="contacts-title" mb="xs">
        {t('contact.contacts')}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('contact.noContacts')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table withTableBorder striped data-testid="contacts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contact.colDue')}</Table.Th>
                <Table.Th>{t('contact.channel')}</Table.Th>
                <Table.Th>{t('contact.colState')}</Table.Th>
                <Table.Th>{t('contact.colHeld')}</Table.Th>
                <Table.Th>{t('contact.colNotes')}</Table.Th>
                <Table.Th>{t('contact.colWellbeing')}</Table.Th>
                <Table.Th>{t('contact.colAction')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((o) => {
                const state = occurrenceState(o, now);
                return (
                  <Table.Tr key={o.id} data-testid="contact-row" data-state={state}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(o.dueAt, lang)}</Table.Td>
                    <Table.Td>{t(`enums.contactChannel.${o.channel}`)}</Table.Td>
                    <Table.Td>
                      <StatusBadge kind="contactState" status={state} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {o.status === 'held'
                        ? `${formatDateTime(o.heldAt, lang)} · ${t('contact.minutes', { count: o.durationMinutes ?? 0 })}`
                        : (o.reason ?? '—')}
                    </Table.Td>
                    <Table.Td className="pre-wrap">{o.notes ?? '—'}</Table.Td>
                    <Table.Td className="pre-wrap">
                      {wellbeingHidden ? <Withheld /> : (o.wellbeing ?? '—')}
                    </Table.Td>
                    <Table.Td>
                      {canWrite && recordable(state, planActive) ? (
                        <Button size="xs" variant="outline" onClick={() => onRecord(o)}>
                          {t('contact.record')}
                        </Button>
                      ) : (
                        <Text size="xs" c="dimmed">
                          {o.recordedBy ? <Actor userId={o.recordedBy} /> : '—'}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
