import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  CopyButton,
  Grid,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { EXPORT_MAX_HOURS, type CreatedExport, type ExportSummary } from '@homeward/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createExport, exportFileUrl, exportsKey, useMyExports } from '../../api/exports.ts';
import { useSession } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { useLang } from '../../i18n/useLang.ts';
import {
  exportBody,
  exportChoices,
  isDownloadable,
  lastMonth,
  type ExportChoices,
  type ExportForm,
} from './exports.ts';

const monospaceInput = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

/**
 * Controlled exports: make one in a format the user's roles allow, see the passphrase once, and
 * download one's own files until they expire. The server checks every permission again.
 */
export function ExportsPage() {
  const { t } = useLang();
  const { session } = useSession();
  const choices = exportChoices(session.user.roles);
  const [made, setMade] = useState<CreatedExport | null>(null);
  return (
    <Stack>
      <div>
        <PageTitle mb={0}>{t('exports.title')}</PageTitle>
        <Text size="sm" c="dimmed">
          {t('exports.intro')}
        </Text>
      </div>
      {choices.kinds.length === 0 ? (
        <Text>{t('exports.noAccess')}</Text>
      ) : (
        <NewExport choices={choices} onMade={setMade} />
      )}
      <MadeDialog made={made} onClose={() => setMade(null)} />
      <MyExports />
    </Stack>
  );
}

function NewExport({ choices, onMade }: { choices: ExportChoices; onMade: (e: CreatedExport) => void }) {
  const { t, lang } = useLang();
  const qc = useQueryClient();
  const [f, setF] = useState<ExportForm>({
    kind: choices.kinds[0]!,
    format: choices.recordFormats[0] ?? 'csv',
    partyCode: '',
    month: lastMonth(new Date()),
    lang,
    dossierId: '',
    hours: 24,
    recipient: '',
  });
  const set = <K extends keyof ExportForm>(k: K, v: ExportForm[K]) => setF((p) => ({ ...p, [k]: v }));
  const create = useMutation({
    mutationFn: () => createExport(exportBody(f)),
    onSuccess: async (e) => {
      onMade(e);
      set('recipient', '');
      await qc.invalidateQueries({ queryKey: exportsKey });
    },
  });
  const records = f.kind === 'dossiers' || f.kind === 'requests';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-new">
      <Title order={2} size="h4" id="export-new" mb="sm">
        {t('exports.new')}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <Grid align="flex-start">
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('exports.what')}
                data={choices.kinds.map((k) => ({ value: k, label: t(`exports.kind.${k}`) }))}
                value={f.kind}
                onChange={(v) => v && set('kind', v as ExportForm['kind'])}
                allowDeselect={false}
                data-testid="export-kind"
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              {records && (
                <Select
                  label={t('exports.format')}
                  data={choices.recordFormats.map((k) => ({ value: k, label: t(`exports.formatName.${k}`) }))}
                  value={f.format}
                  onChange={(v) => v && set('format', v as ExportForm['format'])}
                  allowDeselect={false}
                  data-testid="export-format"
                />
              )}
              {f.kind === 'report-pdf' && (
                <Group grow>
                  <TextInput
                    type="month"
                    label={t('exports.month')}
                    required
                    value={f.month}
                    onChange={(e) => set('month', e.currentTarget.value)}
                  />
                  <Select
                    label={t('exports.lang')}
                    data={(['uk', 'ru', 'en'] as const).map((l) => ({
                      value: l,
                      label: t(`exports.langName.${l}`),
                    }))}
                    value={f.lang}
                    onChange={(v) => v && set('lang', v as ExportForm['lang'])}
                    allowDeselect={false}
                  />
                </Group>
              )}
              {f.kind === 'subject-access' && (
                <TextInput
                  label={t('exports.dossierId')}
                  required
                  value={f.dossierId}
                  onChange={(e) => set('dossierId', e.currentTarget.value)}
                  styles={monospaceInput}
                />
              )}
            </Grid.Col>
            {records && (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t('exports.partyCode')}
                  description={t('exports.partyCodeHint')}
                  value={f.partyCode}
                  onChange={(e) => set('partyCode', e.currentTarget.value)}
                  maxLength={40}
                />
              </Grid.Col>
            )}
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <NumberInput
                label={t('exports.hours')}
                description={t('exports.hoursHint')}
                min={1}
                max={EXPORT_MAX_HOURS}
                value={f.hours}
                onChange={(v) => set('hours', Number(v) || 24)}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <TextInput
                label={t('exports.recipient')}
                description={t('exports.recipientHint')}
                value={f.recipient}
                onChange={(e) => set('recipient', e.currentTarget.value)}
                styles={monospaceInput}
                placeholder="age1…"
              />
            </Grid.Col>
          </Grid>
          {create.isError && <ErrorAlert error={create.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={create.isPending} data-testid="export-create">
              {t('exports.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The new export: its passphrase, shown this once with the warning, and its download. */
function MadeDialog({ made, onClose }: { made: CreatedExport | null; onClose: () => void }) {
  const { t } = useLang();
  const qc = useQueryClient();
  return (
    <Modal
      opened={made !== null}
      onClose={onClose}
      title={made?.passphrase ? t('exports.passphraseTitle') : t('exports.readyTitle')}
      centered
      size="lg"
    >
      {made && (
        <Stack>
          {made.passphrase ? (
            <>
              <Alert color="orange.9" variant="outline">
                {t('exports.passphraseWarning')}
              </Alert>
              <Code
                block
                data-testid="export-passphrase"
                fz="lg"
                style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
              >
                {made.passphrase}
              </Code>
              <Text size="sm">{t('exports.howToOpen')}</Text>
            </>
          ) : (
            <Text size="sm">{t('exports.recipientDone')}</Text>
          )}
          <Group justify="flex-end">
            {made.passphrase && (
              <CopyButton value={made.passphrase}>
                {({ copied, copy }) => (
                  <Button variant="outline" onClick={copy}>
                    {copied ? t('exports.copied') : t('exports.copy')}
                  </Button>
                )}
              </CopyButton>
            )}
            <Button
              component="a"
              variant="outline"
              href={exportFileUrl(made.id)}
              download={made.fileName}
              onClick={() => setTimeout(() => void qc.invalidateQueries({ queryKey: exportsKey }), 1000)}
            >
              {t('exports.download')}
            </Button>
            <Button onClick={onClose}>{made.passphrase ? t('exports.storedIt') : t('exports.close')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function MyExports() {
  const { t, lang } = useLang();
  const qc = useQueryClient();
  const list = useMyExports();
  const now = new Date();
  const what = (e: ExportSummary) =>
    e.kind === 'dossiers' || e.kind === 'requests'
      ? `${t(`exports.kind.${e.kind}`)} · ${e.format.toUpperCase()}`
      : t(`exports.kind.${e.kind}`);
  return (
    <Stack component="section" aria-labelledby="export-mine" gap="xs">
      <Title order={2} size="h4" id="export-mine">
        {t('exports.mine')}
      </Title>
      {list.isPending && <Skeleton h={80} />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('exports.none')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped data-testid="export-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('exports.what')}</Table.Th>
                <Table.Th>{t('exports.records')}</Table.Th>
                <Table.Th>{t('exports.created')}</Table.Th>
                <Table.Th>{t('exports.expires')}</Table.Th>
                <Table.Th>{t('exports.encryption')}</Table.Th>
                <Table.Th>{t('exports.downloads')}</Table.Th>
                <Table.Th>{t('exports.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((e) => {
                const open = isDownloadable(e, now);
                return (
                  <Table.Tr key={e.id} data-testid="export-row" data-status={open ? 'available' : 'expired'}>
                    <Table.Td>
                      {what(e)}
                      <Text size="xs" c="dimmed" ff="monospace">
                        {[e.id, ...Object.values(e.filters)].join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{e.recordCount}</Table.Td>
                    <Table.Td>{formatDateTime(e.createdAt, lang)}</Table.Td>
                    <Table.Td>{formatDateTime(e.expiresAt, lang)}</Table.Td>
                    <Table.Td>{t(`exports.encryptionName.${e.encryption}`)}</Table.Td>
                    <Table.Td>{e.downloadCount}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge tt="none" variant="outline" color={open ? 'teal.9' : 'gray.7'}>
                        {t(`exports.statusName.${open ? 'available' : 'expired'}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {open && (
                        <Anchor
                          href={exportFileUrl(e.id)}
                          download={e.fileName}
                          size="sm"
                          onClick={() =>
                            setTimeout(() => void qc.invalidateQueries({ queryKey: exportsKey }), 1000)
                          }
                        >
                          {t('exports.download')}
                        </Anchor>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
