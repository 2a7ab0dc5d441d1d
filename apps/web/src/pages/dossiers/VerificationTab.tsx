import { Badge, Card, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useVerification } from '../../api/queries.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang } from '../../i18n/useLang.ts';

/** Which claims about the dossier are verified, and whose attestation each still needs. */
export function VerificationTab({ dossierId }: { dossierId: string }) {
  const { t, i18n } = useLangWithI18n();
  const { session } = useSession();
  const q = useVerification(dossierId);
  if (q.isPending) return <Skeleton h={120} />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  // Claim and requirement names come from the server's policy: translated when known, else as sent.
  const known = (key: string, fallback: string) => (i18n.exists(key) ? t(key) : fallback);
  const party = (id: string) =>
    id === session.party.id
      ? t('verification.yourParty')
      : t('verification.otherParty', { id: id.slice(0, 8) });
  return (
    <Stack>
      <Group>
        <Badge
          color={q.data.verified ? 'teal.9' : 'gray.7'}
          variant="filled"
          tt="none"
          size="lg"
          data-testid="verified"
        >
          {q.data.verified ? t('verification.verified') : t('verification.unverified')}
        </Badge>
      </Group>
      {q.data.claims.map((c) => (
        <Card withBorder key={c.claim} component="section" aria-labelledby={`claim-${c.claim}`}>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h5" id={`claim-${c.claim}`}>
              {known(`verification.claim.${c.claim}`, c.claim)}
            </Title>
            <Badge color={c.status === 'verified' ? 'teal.9' : 'gray.7'} variant="outline" tt="none">
              {c.status === 'verified' ? t('verification.verified') : t('verification.unverified')}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('verification.needs')}
          </Text>
          <List size="sm" spacing={2}>
            {c.requirements.map((r) => (
              <List.Item key={r.label}>
                {known(`verification.requirement.${r.label}`, r.label)} —{' '}
                {r.satisfiedBy
                  ? t('verification.attestedBy', { party: party(r.satisfiedBy) })
                  : t('verification.notYet')}
              </List.Item>
            ))}
          </List>
        </Card>
      ))}
    </Stack>
  );
}

function useLangWithI18n() {
  const { t } = useLang();
  return { t, i18n: { exists: (key: string) => t(key, { defaultValue: '\u0000' }) !== '\u0000' } };
}
