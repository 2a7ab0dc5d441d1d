import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  api,
  type Attestation,
  type AttestationSubjectType,
  type VerificationPolicy,
  type VerificationStatus,
} from '../../api/client.ts';
import { useAttestations, useSubjectVerification, useVerificationPolicies } from '../../api/queries.ts';
import { useCan, useSession } from '../../auth/session.tsx';
import { Actor } from '../../components/Actor.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import { attestationAsked } from '../approvals/approvals.ts';
import { PendingAttestations } from './PendingAttestations.tsx';
import { claimState, coveredFields, optionalFields, type ClaimState } from './verification.ts';

/** What the signer is shown for each field: its current value, or that it is withheld from them. */
export type Statement = Record<string, { value: string | null; withheld?: boolean }>;

const stateColor: Record<ClaimState, string> = { verified: 'teal.9', stale: 'orange.9', awaiting: 'gray.7' };

/** A translation when the key exists, else the text as the server sent it (party-defined claims). */
export function useKnown() {
  const { t } = useLang();
  return (key: string, fallback: string) => {
    const s = t(key, { defaultValue: '\u0000' });
    return s === '\u0000' ? fallback : s;
  };
}

export function usePartyLabel() {
  const { t } = useLang();
  const { session } = useSession();
  return (id: string) =>
    id === session.party.id
      ? t('verification.yourParty')
      : t('verification.otherParty', { id: id.slice(0, 8) });
}

/**
 * The verification of a dossier or a case: each claim's state, the attestations behind it (party,
 * signer, time, stale flag), and for signers the form to attest, saying exactly what they sign.
 */
export function VerificationPanel({
  subjectType,
  subjectId,
  statement,
}: {
  subjectType: AttestationSubjectType;
  subjectId: string;
  /** The covered fields' current values; undefined while they load. */
  statement: Statement | undefined;
}) {
  const { t } = useLang();
  const canSign = useCan('attestation.sign');
  const status = useSubjectVerification(subjectType, subjectId);
  const attestations = useAttestations(subjectType, subjectId);
  if (status.isPending) return <Skeleton h={120} />;
  if (status.isError) return <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />;
  return (
    <Stack>
      <Group>
        <Badge
          color={status.data.verified ? 'teal.9' : 'gray.7'}
          variant="filled"
          tt="none"
          size="lg"
          data-testid="verified"
          data-verified={status.data.verified}
        >
          {status.data.verified ? t('verification.verified') : t('verification.unverified')}
        </Badge>
      </Group>
      {status.data.claims.length === 0 && <Text c="dimmed">{t('verification.noClaims')}</Text>}
      {attestations.isError && <ErrorAlert error={attestations.error} />}
      {status.data.claims.map((c) => (
        <ClaimCard
          key={c.claim}
          claim={c}
          attestations={(attestations.data?.items ?? []).filter((a) => a.claim === c.claim)}
        />
      ))}
      <PendingAttestations subjectType={subjectType} subjectId={subjectId} />
      {canSign && (
        <AttestForm
          subjectType={subjectType}
          subjectId={subjectId}
          status={status.data}
          statement={statement}
        />
      )}
    </Stack>
  );
}

function ClaimCard({
  claim: c,
  attestations,
}: {
  claim: VerificationStatus['claims'][number];
  attestations: Attestation[];
}) {
  const { t, lang } = useLang();
  const known = useKnown();
  const party = usePartyLabel();
  const state = claimState(c);
  const coversPolicy = new Map(c.attestations.map((a) => [a.id, a.coversPolicy]));
  return (
    <Card
      withBorder
      component="section"
      aria-labelledby={`claim-${c.claim}`}
      data-testid="claim"
      data-claim={c.claim}
    >
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h5" id={`claim-${c.claim}`}>
          {known(`verification.claim.${c.claim}`, c.claim)}
        </Title>
        <Badge
          color={stateColor[state]}
          variant="outline"
          tt="none"
          data-testid="claim-state"
          data-state={state}
        >
          {t(`verification.state.${state}`)}
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
      {attestations.length > 0 && (
        <Table.ScrollContainer minWidth={640} mt="sm">
          <Table withTableBorder verticalSpacing={4} data-testid="attestations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('verification.colParty')}</Table.Th>
                <Table.Th>{t('verification.colSigner')}</Table.Th>
                <Table.Th>{t('verification.colSigned')}</Table.Th>
                <Table.Th>{t('verification.colDecision')}</Table.Th>
                <Table.Th>{t('verification.colCheck')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {attestations.map((a) => (
                <Table.Tr key={a.id} data-testid="attestation" data-id={a.id}>
                  <Table.Td>{party(a.partyId)}</Table.Td>
                  <Table.Td>
                    <Actor userId={a.signerUserId} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(a.signedAt, lang)}</Table.Td>
                  <Table.Td>{known(`verification.decision.${a.decision}`, a.decision)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge
                        variant="light"
                        tt="none"
                        color={
                          a.check.status === 'valid'
                            ? 'teal.9'
                            : a.check.status === 'stale'
                              ? 'orange.9'
                              : 'red.9'
                        }
                        data-testid="attestation-check"
                      >
                        {known(`verification.check.${a.check.status}`, a.check.status)}
                      </Badge>
                      {coversPolicy.get(a.id) === false && (
                        <Badge variant="light" color="orange.9" tt="none">
                          {t('verification.policyChanged')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

const decisions = ['verified', 'rejected', 'needs-info'] as const;

function AttestForm({
  subjectType,
  subjectId,
  status,
  statement,
}: {
  subjectType: AttestationSubjectType;
  subjectId: string;
  status: VerificationStatus;
  statement: Statement | undefined;
}) {
  const { t } = useLang();
  const known = useKnown();
  const qc = useQueryClient();
  const policies = useVerificationPolicies();
  const mine = (policies.data?.items ?? []).filter((p) => p.subjectType === subjectType);
  const firstOpen = status.claims.find((c) => c.status !== 'verified')?.claim ?? mine[0]?.claim ?? null;
  const [claim, setClaim] = useState<string | null>(null);
  const [decision, setDecision] = useState<(typeof decisions)[number]>('verified');
  const [extra, setExtra] = useState<string[]>([]);
  /** The claim just attested: signed, or (two-person rule) waiting for a second verifier. */
  const [done, setDone] = useState<{ claim: string; awaiting: boolean } | null>(null);
  const chosen: VerificationPolicy | undefined = mine.find((p) => p.claim === (claim ?? firstOpen));
  const fields = chosen ? coveredFields(subjectType, chosen.coveredFields, extra) : [];
  const attest = useMutation({
    mutationFn: () =>
      api.attest({
        subjectType,
        subjectId,
        claim: chosen!.claim,
        decision,
        ...(extra.length ? { coveredFields: extra } : {}),
      }),
    onSuccess: async (answer) => {
      setDone(
        'approval' in answer
          ? { claim: attestationAsked(answer.approval)?.claim ?? chosen!.claim, awaiting: true }
          : { claim: answer.claim, awaiting: false },
      );
      setExtra([]);
      await qc.invalidateQueries({ queryKey: ['verification'] });
      await qc.invalidateQueries({ queryKey: ['approvals'] });
      await qc.invalidateQueries({ queryKey: ['audit'] });
    },
  });
  const withheld = fields.filter((f) => statement?.[f]?.withheld);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="attest-title" data-testid="attest-form">
      <Title order={2} size="h4" id="attest-title" mb={4}>
        {t('verification.attestTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('verification.attestIntro')}
      </Text>
      {policies.isError && <ErrorAlert error={policies.error} />}
      {policies.isPending && <Skeleton h={80} />}
      {policies.data && mine.length === 0 && <Text c="dimmed">{t('verification.noPolicies')}</Text>}
      {chosen && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setDone(null);
            attest.mutate();
          }}
        >
          <Stack>
            <Group align="flex-end" grow>
              <Select
                label={t('verification.claimLabel')}
                data={mine.map((p) => ({
                  value: p.claim,
                  label: known(`verification.claim.${p.claim}`, p.claim),
                }))}
                value={chosen.claim}
                onChange={(v) => {
                  if (!v) return;
                  setClaim(v);
                  setExtra([]);
                  attest.reset();
                  setDone(null);
                }}
                allowDeselect={false}
              />
              <Select
                label={t('verification.decisionLabel')}
                data={decisions.map((d) => ({ value: d, label: t(`verification.decision.${d}`) }))}
                value={decision}
                onChange={(v) => v && setDecision(v as (typeof decisions)[number])}
                allowDeselect={false}
              />
            </Group>
            <div>
              <Text size="sm" fw={600}>
                {t('verification.policyFields')}
              </Text>
              <Text size="sm">
                {chosen.coveredFields.map((f) => known(`verification.field.${f}`, f)).join(', ')}
              </Text>
            </div>
            {optionalFields(subjectType, chosen.coveredFields).length > 0 && (
              <Checkbox.Group
                label={t('verification.extraFields')}
                description={t('verification.extraFieldsHint')}
                value={extra}
                onChange={setExtra}
              >
                <Group gap="md" mt={4}>
                  {optionalFields(subjectType, chosen.coveredFields).map((f) => (
                    <Checkbox key={f} value={f} label={known(`verification.field.${f}`, f)} />
                  ))}
                </Group>
              </Checkbox.Group>
            )}
            <Alert variant="outline" color="blue.9" title={t('verification.youSign')} data-testid="statement">
              <Text size="sm" mb="xs">
                {t('verification.youSignIntro', {
                  claim: known(`verification.claim.${chosen.claim}`, chosen.claim),
                  decision: t(`verification.decision.${decision}`),
                })}
              </Text>
              {!statement ? (
                <Skeleton h={60} />
              ) : (
                <Table withRowBorders={false} verticalSpacing={2}>
                  <Table.Tbody>
                    {fields.map((f) => (
                      <Table.Tr key={f} data-field={f}>
                        <Table.Th style={{ width: '30%', verticalAlign: 'top' }}>
                          {known(`verification.field.${f}`, f)}
                        </Table.Th>
                        <Table.Td className="pre-wrap">
                          {statement[f]?.withheld
                            ? t('withheld.label')
                            : (statement[f]?.value ?? t('app.notRecorded'))}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {withheld.length > 0 && (
                <Text size="sm" mt="xs" c="red.9">
                  {t('verification.withheldWarning')}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt="xs">
                {t('verification.staleNote')}
              </Text>
            </Alert>
            {attest.isError && <ErrorAlert error={attest.error} />}
            {done && !done.awaiting && (
              <Alert variant="outline" color="teal.9" role="status" data-testid="attested">
                {t('verification.attested', { claim: known(`verification.claim.${done.claim}`, done.claim) })}
              </Alert>
            )}
            {done?.awaiting && (
              <Alert variant="outline" color="orange.9" role="status" data-testid="attest-awaiting">
                {t('verification.awaitingSecond', {
                  claim: known(`verification.claim.${done.claim}`, done.claim),
                })}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={attest.isPending} disabled={!statement}>
                {t('verification.sign')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
