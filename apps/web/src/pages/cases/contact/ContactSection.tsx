import { Grid, Skeleton, Stack } from '@mantine/core';
import type { CaseDetail } from '@homeward/contracts';
import { useState } from 'react';
import type { ContactOccurrence } from '../../../api/client.ts';
import { useContactSuspension } from '../../../api/contact.ts';
import { useCaseContact } from '../../../api/queries.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useLang } from '../../../i18n/useLang.ts';
import { ContactCalendar } from './ContactCalendar.tsx';
import { ContactsTable } from './ContactsTable.tsx';
import { PlanCard } from './PlanCard.tsx';
import { RecordDialog } from './RecordDialog.tsx';
import { Regularity } from './Regularity.tsx';
import { SuspensionNotice } from './SuspensionNotice.tsx';

/** The case's contact: whether it is suspended, the plan, how regular it has been, its calendar and every contact. */
export function ContactSection({ c }: { c: CaseDetail }) {
  const { t } = useLang();
  const q = useCaseContact(c.id);
  // A suspension that cannot be read does not hide the rest: the server still refuses what it forbids.
  const suspension = useContactSuspension(c.id).data?.active ?? null;
  const [recording, setRecording] = useState<ContactOccurrence | null>(null);
  if (q.isPending) return <Skeleton h={240} role="status" aria-label={t('app.loading')} />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const suspended = suspension !== null;
  return (
    <Stack data-testid="contact-section">
      <SuspensionNotice suspension={suspension} plan={q.data.plan} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <PlanCard c={c} contact={q.data} suspended={suspended} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Regularity contact={q.data} />
        </Grid.Col>
      </Grid>
      <ContactCalendar contact={q.data} suspended={suspended} onRecord={setRecording} />
      <ContactsTable contact={q.data} onRecord={setRecording} />
      <RecordDialog occurrence={recording} suspended={suspended} onClose={() => setRecording(null)} />
    </Stack>
  );
}
