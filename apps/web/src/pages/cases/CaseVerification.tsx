import { Paper, Title } from '@mantine/core';
import type { CaseDetail } from '@homeward/contracts';
import { useTracingRequest } from '../../api/queries.ts';
import { useCan } from '../../auth/session.tsx';
import { useLang } from '../../i18n/useLang.ts';
import { VerificationPanel } from '../verification/VerificationPanel.tsx';
import { caseStatement } from '../verification/verification.ts';

/** The case's claims (family link, handover): their state, attestations and the form to attest. */
export function CaseVerification({ c }: { c: CaseDetail }) {
  const { t } = useLang();
  const canRead = useCan('attestation.read');
  const request = useTracingRequest(c.requestId);
  if (!canRead) return null;
  const ready = request.data || request.isError;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="case-verification-title">
      <Title order={2} size="h4" id="case-verification-title" mb="xs">
        {t('verification.caseTitle')}
      </Title>
      <VerificationPanel
        subjectType="case"
        subjectId={c.id}
        statement={
          ready
            ? caseStatement(
                c,
                request.data,
                (r) => t(`enums.relationship.${r}`),
                c.status === 'reunited' || c.status === 'follow-up' || c.status === 'closed'
                  ? t('verification.handoverRecord')
                  : null,
              )
            : undefined
        }
      />
    </Paper>
  );
}
